using Orrery.Core.Environments;
using Orrery.Core.Spaces;

namespace Orrery.Data.Tests.TestDoubles;

/// <summary>A tiny deterministic environment: a coloured square on a dark background, moved by five actions.</summary>
public sealed class MovingSquareEnvironment(int size = 16, int? doneAfter = null) : IEnvironment
{
    private const int Square = 4;
    private int x, y, steps;
    private byte r, g, b;

    public string Name => "square";

    public ObservationSpec ObservationSpec => new(size, size, 3);

    public DiscreteActionSpace ActionSpace { get; } = new(["noop", "up", "down", "left", "right"]);

    public int Fps => 12;

    public byte[] Reset(int seed)
    {
        var rng = new Random(seed);
        (x, y, steps) = (rng.Next(size - Square), rng.Next(size - Square), 0);
        (r, g, b) = ((byte)rng.Next(64, 256), (byte)rng.Next(64, 256), (byte)rng.Next(64, 256));
        return Render();
    }

    public StepResult Step(int action)
    {
        (x, y) = action switch
        {
            1 => (x, Math.Max(0, y - 1)),
            2 => (x, Math.Min(size - Square, y + 1)),
            3 => (Math.Max(0, x - 1), y),
            4 => (Math.Min(size - Square, x + 1), y),
            _ => (x, y),
        };
        steps++;
        return new StepResult(Render(), x / (float)size, doneAfter is { } d && steps >= d, new Dictionary<string, object>());
    }

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
