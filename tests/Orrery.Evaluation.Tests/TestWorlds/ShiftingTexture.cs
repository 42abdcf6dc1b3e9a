using Orrery.Core.Environments;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Evaluation.Tests.TestWorlds;

/// <summary>
/// A tiny fast environment for tests: a random blocky 16x16 RGB texture (4x4 blocks) seen through the whole frame; the
/// 7 actions are noop and scrolls by one pixel up, down, left, right, up-left and down-right. Every action has a
/// visible, distinct effect. Its one stream, "state", is the scroll offset (rows, columns) since the reset.
/// </summary>
public sealed class ShiftingTexture : IEnvironment
{
    public const int Size = 16;
    private byte[] frame = new byte[Size * Size * 3];
    private float[] offset = [0, 0];

    public static DiscreteActionSpace Actions { get; } = new(["noop", "up", "down", "left", "right", "up-left", "down-right"]);

    public static WorldSpec World { get; } = new()
    {
        Environment = "shifting-texture",
        Observation = new ObservationSpec(Size, Size, 3),
        Actions = Actions,
        Streams = [new StreamSpec(StreamNames.State, ["rows", "columns"], "pixels", "scroll offset since the reset")],
    };

    public string Name => "shifting-texture";

    public WorldSpec Spec => World;

    public Observation Reset(int seed)
    {
        var blocks = new byte[(Size / 4) * (Size / 4) * 3];
        new Random(seed).NextBytes(blocks);
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                for (var c = 0; c < 3; c++)
                    frame[(y * Size + x) * 3 + c] = blocks[((y / 4) * (Size / 4) + x / 4) * 3 + c];
        offset = [0, 0];
        return Current();
    }

    public StepResult Step(ActionVector action)
    {
        Actions.Validate(action);
        (frame, offset) = Shift(frame, offset, action);
        return new StepResult(Current(), false, new Dictionary<string, object>());
    }

    /// <summary>The frame and offset after one action (an unknown action scrolls nothing); the test simulator shares it.</summary>
    public static (byte[] Frame, float[] Offset) Shift(byte[] frame, float[] offset, ActionVector action)
    {
        var (dy, dx) = action.Index switch
        {
            1 => (1, 0),
            2 => (-1, 0),
            3 => (0, 1),
            4 => (0, -1),
            5 => (1, 1),
            6 => (-1, -1),
            _ => (0, 0),
        };
        var next = new byte[frame.Length];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                int sy = (y + dy + Size) % Size, sx = (x + dx + Size) % Size;
                for (var c = 0; c < 3; c++) next[(y * Size + x) * 3 + c] = frame[(sy * Size + sx) * 3 + c];
            }
        return (next, [offset[0] + dy, offset[1] + dx]);
    }

    private Observation Current() => new(frame.ToArray(), new StreamValues { [StreamNames.State] = offset.ToArray() });
}
