using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;
using Orrery.Training;

namespace Orrery.Model.Tests;

/// <summary>
/// Small generated datasets: a square that moves by the action (0 stay, 1 left, 2 right, 3 up, 4 down); with
/// <c>state</c>, a stream of its corner in two units a thousand times apart, as a robot's metres beside its rad/s.
/// </summary>
public static class SyntheticData
{
    public static readonly string[] Actions = ["stay", "left", "right", "up", "down"];

    /// <summary>The state stream's fields: the corner's column in metres (2 mm a pixel), its row in "rad" (3 a pixel).</summary>
    public static readonly StreamSpec State = new("state", ["x_m", "y_rad"], "m, rad", "the square's corner, in two scales");

    public static TrainingCorpus MovingSquare(int episodes, int frames, int size = 16, int channels = 3, int seed = 1, bool state = false)
    {
        var spec = new ObservationSpec(size, size, channels);
        var rng = new Random(seed);
        var list = new List<Episode>();
        for (var e = 0; e < episodes; e++)
        {
            var bytes = new byte[frames * spec.FrameBytes];
            var acts = new ActionVector[frames];
            var rows = new float[frames * 2];
            int x = rng.Next(size - 4), y = rng.Next(size - 4);
            for (var t = 0; t < frames; t++)
            {
                if (t == 0) acts[t] = ActionVector.Unknown;
                else
                {
                    acts[t] = ActionVector.Discrete(rng.Next(Actions.Length));
                    (x, y) = acts[t].Index switch
                    {
                        1 => (Math.Max(0, x - 2), y),
                        2 => (Math.Min(size - 4, x + 2), y),
                        3 => (x, Math.Max(0, y - 2)),
                        4 => (x, Math.Min(size - 4, y + 2)),
                        _ => (x, y),
                    };
                }
                Draw(bytes.AsSpan(t * spec.FrameBytes, spec.FrameBytes), spec, x, y);
                (rows[2 * t], rows[2 * t + 1]) = (0.002f * x, 3f * y);
            }
            list.Add(new Episode(e, spec, bytes, acts, state ? new Dictionary<string, float[]> { [State.Name] = rows } : new Dictionary<string, float[]>()));
        }
        var world = World(spec);
        return new TrainingCorpus(state ? world with { Streams = [State] } : world, list, ["synthetic"]);
    }

    /// <summary>The moving square's world: these actions, "stay" as the no-op, no streams.</summary>
    public static WorldSpec World(ObservationSpec spec) => new()
    {
        Environment = "square",
        Observation = spec,
        Actions = new DiscreteActionSpace(Actions, "stay"),
    };

    private static void Draw(Span<byte> frame, ObservationSpec spec, int x, int y)
    {
        for (var r = 0; r < spec.Height; r++)
            for (var c = 0; c < spec.Width; c++)
                for (var ch = 0; ch < spec.Channels; ch++)
                {
                    var inside = r >= y && r < y + 4 && c >= x && c < x + 4;
                    frame[(r * spec.Width + c) * spec.Channels + ch] = (byte)(inside ? 230 - 60 * ch : 20 + 10 * ch);
                }
    }
}
