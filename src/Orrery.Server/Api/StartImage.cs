using Microsoft.AspNetCore.Http;
using Orrery.Core.Spaces;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Orrery.Server.Api;

/// <summary>Decodes a client's base64 PNG start image into the model's HWC uint8 frame, 1 or 3 channels (resized when needed).</summary>
public static class StartImage
{
    // A grey model takes L8 pixels, a colour one Rgb24: either way the bytes are the model's HWC frame.
    private static byte[] Pixels<TPixel>(byte[] bytes, ObservationSpec spec) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = Image.Load<TPixel>(bytes);
        if (image.Width != spec.Width || image.Height != spec.Height)
            image.Mutate(x => x.Resize(spec.Width, spec.Height));
        var pixels = new byte[spec.FrameBytes];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    public static byte[] Decode(string base64, ObservationSpec spec)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Contains(',', StringComparison.Ordinal) ? base64[(base64.IndexOf(',', StringComparison.Ordinal) + 1)..] : base64);
        }
        catch (FormatException)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, "startImage: expected base64 PNG bytes");
        }
        try
        {
            return spec.Channels == 1 ? Pixels<L8>(bytes, spec) : Pixels<Rgb24>(bytes, spec);
        }
        catch (UnknownImageFormatException)
        {
            // ImageSharp's own message lists every decoder it knows, one per line
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"startImage: expected a PNG, found {bytes.Length} bytes in no image format known here (they begin {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))})");
        }
        catch (InvalidImageContentException e)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"startImage: expected a readable PNG, found damaged image data ({e.Message.Split('\n')[0].Trim()})");
        }
    }
}
