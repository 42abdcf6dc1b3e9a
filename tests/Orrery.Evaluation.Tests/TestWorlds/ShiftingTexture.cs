using Orrery.Core.Environments;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Tests.TestWorlds;

/// <summary>
/// A tiny fast environment for tests: a random blocky 16x16 RGB texture (4x4 blocks) seen through the whole frame; the
/// 7 actions are noop and scrolls by one pixel up, down, left, right, up-left and down-right. Every action has a
/// visible, distinct effect.
/// </summary>
public sealed class ShiftingTexture : IEnvironment
{
    public const int Size = 16;
    private byte[] frame = new byte[Size * Size * 3];

    public string Name => "shifting-texture";

    public ObservationSpec ObservationSpec { get; } = new(Size, Size, 3);

    public DiscreteActionSpace ActionSpace { get; } = new(["noop", "up", "down", "left", "right", "up-left", "down-right"]);

    public int Fps => 24;

    public byte[] Reset(int seed)
    {
        var blocks = new byte[(Size / 4) * (Size / 4) * 3];
        new Random(seed).NextBytes(blocks);
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                for (var c = 0; c < 3; c++)
                    frame[(y * Size + x) * 3 + c] = blocks[((y / 4) * (Size / 4) + x / 4) * 3 + c];
        return frame.ToArray();
    }

    public StepResult Step(int action)
    {
        var next = new byte[frame.Length];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                var (sy, sx) = action switch
                {
                    1 => ((y + 1) % Size, x),
                    2 => ((y + Size - 1) % Size, x),
                    3 => (y, (x + 1) % Size),
                    4 => (y, (x + Size - 1) % Size),
                    5 => ((y + 1) % Size, (x + 1) % Size),
                    6 => ((y + Size - 1) % Size, (x + Size - 1) % Size),
                    _ => (y, x),
                };
                for (var c = 0; c < 3; c++) next[(y * Size + x) * 3 + c] = frame[(sy * Size + sx) * 3 + c];
            }
        frame = next;
        return new StepResult(frame.ToArray(), 0, false, new Dictionary<string, object>());
    }
}
