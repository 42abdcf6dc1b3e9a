using System.Globalization;
using System.Text;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Environments;

/// <summary>
/// A registered ground-truth environment at one resolution as a simulator ("truth-maze", "truth-reach"): people can
/// play the real world, and evaluation and sessions can be checked against exact frames. A rollout begins from an
/// episode origin (world, reset seed), never from pixels; Restore replays the action history, which is exact because
/// environments are deterministic. Fork copies the live state instead (O(1), see <see cref="ICopyableEnvironment"/>)
/// into an environment a disposed rollout left behind, so a planner's thousands of forks neither replay nor recompile.
/// </summary>
public sealed class EnvironmentSimulator : ISimulator
{
    private const string Magic = "ORTS";
    private const int Version = 1;

    private readonly string environment;
    private readonly int resolution;
    private readonly ActionSpace space;
    private readonly Dictionary<int, Stack<ICopyableEnvironment>> idle = [];   // by world: environments of disposed rollouts
    private bool disposed;

    /// <summary>The ground truth of environment <paramref name="environment"/> at a square resolution (its default when null).</summary>
    public EnvironmentSimulator(string environment, int? resolution = null)
    {
        var spec = EnvironmentRegistry.Spec(environment, resolution);
        this.environment = spec.Environment;
        this.resolution = spec.Observation.Height;
        space = spec.Actions ?? throw new OrreryException($"environment '{spec.Environment}' takes no actions; it cannot be stepped as a simulator");
        // every world of the environment plays here (each rollout's origin names its own), so the spec names none
        World = spec with { Parameters = spec.Parameters.Where(p => p.Key != "world").ToDictionary(p => p.Key, p => p.Value) };
        Name = $"truth-{this.environment}";
        IdentityHash = Checksums.Sha256(Encoding.UTF8.GetBytes($"environment:{this.environment}:{this.resolution.ToString(CultureInfo.InvariantCulture)}"));
    }

    public string Name { get; }

    /// <summary>SHA-256 of "environment:NAME:RESOLUTION": the environment's code is its weights.</summary>
    public string IdentityHash { get; }

    public WorldSpec World { get; }

    /// <summary>The truth needs only the frame it starts at (its origin replays the rest).</summary>
    public int ContextFrames => 1;

    /// <summary>
    /// Resets an environment to start.Origin and replays start.Actions[1..]. The context frames are not used, only
    /// checked: each must equal the replayed frame, because a context recorded elsewhere (another world, seed,
    /// resolution or renderer) would make the rollout continue an episode other than the one its caller shows.
    /// </summary>
    public SimulatorState Begin(SimulatorStart start)
    {
        var origin = start.Origin
            ?? throw new OrreryException($"{Name}: the ground truth begins from an episode origin (world, reset seed), not from pixels such as a start image; a start without one needs a model");
        if (start.Context.Count == 0) throw new OrreryException($"{Name}: a rollout needs at least one context frame");
        if (start.Actions.Count != start.Context.Count)
            throw new OrreryException($"{Name}: {start.Context.Count} context frames need {start.Context.Count} actions (actions[t] produced frame t), found {start.Actions.Count}");
        for (var t = 1; t < start.Actions.Count; t++)
        {
            if (start.Actions[t].IsUnknown)
                throw new OrreryException($"{Name}: context action {t} is unknown; the ground truth replays its episode and needs every action after the first");
            space.Validate(start.Actions[t]);
        }
        return Replay(origin, start.Actions.Skip(1), (t, observation) =>
        {
            if (!observation.Frame.AsSpan().SequenceEqual(start.Context[t].Frame))
                throw new OrreryException($"{Name}: context frame {t} differs from frame {t} of episode (world {origin.World}, seed {origin.ResetSeed}) at {resolution}x{resolution}; the context was recorded from another world, seed, resolution or renderer");
        });
    }

    /// <summary>Steps each state's environment under its action; every action is validated before any state moves.</summary>
    public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions)
    {
        if (states.Count != actions.Count) throw new OrreryException($"{states.Count} states need {states.Count} actions, found {actions.Count}");
        var owned = states.Select(Own).ToArray();
        if (owned.Distinct().Count() != owned.Length) throw new OrreryException("the same rollout state appears twice in one Step");
        // a refused action leaves every state of the batch where it was
        foreach (var action in actions) space.Validate(action);
        return owned.Select((state, i) => state.Step(actions[i])).ToArray();
    }

    public SimulatorState Fork(SimulatorState state)
    {
        var s = Own(state);
        var environment = Rent(s.Origin.World);
        environment.CopyFrom(s.Environment);
        return new EnvironmentState(this, environment, s.Origin, s.Actions);
    }

    /// <summary>Writes the origin and the action history: each action a float32 row with its length, so box actions round-trip exactly.</summary>
    public void Save(SimulatorState state, Stream stream)
    {
        var s = Own(state);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Encoding.ASCII.GetBytes(Magic));
        w.Write(Version);
        w.Write(IdentityHash);
        w.Write(s.Origin.World);
        w.Write(s.Origin.ResetSeed);
        w.Write(s.Actions.Count);
        foreach (var action in s.Actions)
        {
            w.Write(action.Length);
            foreach (var v in action.Values) w.Write(v);
        }
    }

    public SimulatorState Restore(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = r.ReadBytes(Magic.Length);
            if (magic.Length < Magic.Length) throw new EndOfStreamException();
            if (Encoding.ASCII.GetString(magic) != Magic) throw new OrreryException($"{Name} state: not a ground-truth rollout state (bad magic)");
            var version = r.ReadInt32();
            if (version != Version) throw new OrreryException($"{Name} state: version {version}, expected {Version}");
            var identity = r.ReadString();
            if (identity != IdentityHash)
                throw new OrreryException($"{Name} state: saved by another simulator (identity {identity[..Math.Min(12, identity.Length)]}), this is {Name} at {resolution}x{resolution} ({IdentityHash[..12]})");
            var origin = new EpisodeOrigin(r.ReadInt32(), r.ReadInt32());
            var count = r.ReadInt32();
            if (count < 0) throw new OrreryException($"{Name} state: {count} actions; expected a count of at least 0");
            var actions = new List<ActionVector>();
            for (var t = 0; t < count; t++)
            {
                var length = r.ReadInt32();
                if (length != space.Dimensions) throw new OrreryException($"{Name} state: action {t} has {length} numbers; expected {space.Dimensions}");
                var values = new float[length];
                for (var i = 0; i < length; i++) values[i] = r.ReadSingle();
                actions.Add(space.FromValues(values));
            }
            return Replay(origin, actions);
        }
        catch (EndOfStreamException)
        {
            throw new OrreryException($"{Name} state: truncated");
        }
    }

    /// <summary>Frees the environments kept for reuse; each live state still owns its own.</summary>
    public void Dispose()
    {
        disposed = true;
        foreach (var environment in idle.Values.SelectMany(s => s)) (environment as IDisposable)?.Dispose();
        idle.Clear();
    }

    /// <summary>Takes back the environment of a disposed rollout of world <paramref name="world"/> for a later Fork or Replay.</summary>
    internal void Return(int world, ICopyableEnvironment environment)
    {
        if (disposed)
        {
            (environment as IDisposable)?.Dispose();
            return;
        }
        if (!idle.TryGetValue(world, out var stack)) idle[world] = stack = new Stack<ICopyableEnvironment>();
        stack.Push(environment);
    }

    // every registered environment copies its state (ICopyableEnvironment); building one compiles MuJoCo's model, so reuse comes first
    private ICopyableEnvironment Rent(int world) =>
        idle.TryGetValue(world, out var stack) && stack.TryPop(out var environment)
            ? environment
            : (ICopyableEnvironment)EnvironmentRegistry.Create(this.environment, world, resolution);

    /// <summary>A new environment reset to <paramref name="origin"/> and stepped through <paramref name="actions"/>; seen gets frame t's observation (0 is the reset).</summary>
    private EnvironmentState Replay(EpisodeOrigin origin, IEnumerable<ActionVector> actions, Action<int, Observation>? seen = null)
    {
        var state = new EnvironmentState(this, Rent(origin.World), origin, []);
        try
        {
            var first = state.Reset();
            seen?.Invoke(0, first);
            foreach (var action in actions)
            {
                var observation = state.Step(action);
                seen?.Invoke((int)state.FrameIndex, observation);
            }
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    private EnvironmentState Own(SimulatorState state) =>
        state is EnvironmentState s && ReferenceEquals(s.Owner, this) ? s : throw new OrreryException($"a rollout state belongs to another simulator than {Name}");
}
