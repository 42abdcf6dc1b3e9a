using Orrery.Core.Environments;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Data.Tests.TestDoubles;

/// <summary>A tiny deterministic environment: a coloured square on a dark background, moved by five actions.</summary>
public sealed class MovingSquareEnvironment(int size = 16, int? doneAfter = null) : IEnvironment
{
    private const int Square = 4;
    private int x, y, steps;
    private byte r, g, b;

    public string Name => "square";

    /// <summary>The square's position as a two-field state stream, beside the reward (x / size).</summary>
    public WorldSpec Spec { get; } = new()
    {
        Environment = "square",
        Fps = 12,
        Observation = new(size, size, 3),
        Actions = new DiscreteActionSpace(["noop", "up", "down", "left", "right"]),
        Streams = [new(StreamNames.Reward, [StreamNames.Reward], "", "x / size"), new(StreamNames.State, ["x", "y"], "pixels", "the square's top-left corner")],
    };

    public Observation Reset(int seed)
    {
        var rng = new Random(seed);
        (x, y, steps) = (rng.Next(size - Square), rng.Next(size - Square), 0);
        (r, g, b) = ((byte)rng.Next(64, 256), (byte)rng.Next(64, 256), (byte)rng.Next(64, 256));
        return Observe(0f);
    }

    public StepResult Step(ActionVector action)
    {
        (x, y) = Spec.Actions!.Validate(action).Index switch
        {
            1 => (x, Math.Max(0, y - 1)),
            2 => (x, Math.Min(size - Square, y + 1)),
            3 => (Math.Max(0, x - 1), y),
            4 => (Math.Min(size - Square, x + 1), y),
            _ => (x, y),
        };
        steps++;
        return new StepResult(Observe(x / (float)size), doneAfter is { } d && steps >= d, new Dictionary<string, object>());
    }

    private Observation Observe(float reward) =>
        new(Render(), new StreamValues { [StreamNames.Reward] = [reward], [StreamNames.State] = [x, y] });

    private byte[] Render()
    {
        var frame = new byte[size * size * 3];
        for (var i = 0; i < size * size; i++) frame[i * 3 + 2] = 20;
        for (var dy = 0; dy < Square; dy++)
            for (var dx = 0; dx < Square; dx++)
            {
                var o = ((y + dy) * size + x + dx) * 3;
                (frame[o], frame[o + 1], frame[o + 2]) = (r, g, b);
            }
        return frame;
    }
}
