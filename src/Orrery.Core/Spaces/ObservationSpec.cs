using Orrery.Core.Errors;

namespace Orrery.Core.Spaces;

/// <summary>Shape of one observation frame: uint8, row-major HWC; height and width any positive size, 1 or 3 channels.</summary>
public sealed record ObservationSpec(int Height, int Width, int Channels)
{
    /// <summary>Bytes in one frame.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int FrameBytes => Height * Width * Channels;

    /// <summary>Refuses a shape the models cannot take: sides a positive multiple of 8, 1 or 3 channels.</summary>
    public ObservationSpec RequireModelShape(string what)
    {
        if (Height <= 0 || Width <= 0 || Height % 8 != 0 || Width % 8 != 0)
            throw new OrreryException($"{what}: frames are {this}; height and width must be positive multiples of 8");
        if (Channels is not (1 or 3)) throw new OrreryException($"{what}: frames are {this}; expected 1 or 3 channels");
        return this;
    }

    public override string ToString() => $"{Height}x{Width}x{Channels}";
}
