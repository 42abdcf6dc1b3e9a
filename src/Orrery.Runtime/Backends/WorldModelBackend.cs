using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Model;

namespace Orrery.Runtime.Backends;

/// <summary>
/// A trained world model as a backend. A session starts from the real environment: the first ContextFrames frames
/// of maze world W, seed S under noop are the model's context (or a start image is), and the last of them is the
/// first frame shown. All calls stay on the engine thread, as WorldModel requires.
/// </summary>
public sealed class WorldModelBackend : IWorldBackend
{
    private const int Noop = 0;
    private readonly WorldModel model;
    private readonly string environment;

    public WorldModelBackend(WorldModel model, string name, string environment = "maze")
    {
        this.model = model;
        this.environment = environment;
        Name = name;
        if (model.ActionNames.Count == 0)
            throw new OrreryException($"model '{name}': manifest lists no actions");
    }

    /// <summary>Loads a checkpoint folder (call on the inference thread).</summary>
    public static WorldModelBackend Load(string checkpointDir, WorldModelOptions? options = null) =>
        new(WorldModel.Load(checkpointDir, options), Path.GetFileName(Path.GetFullPath(checkpointDir).TrimEnd(Path.DirectorySeparatorChar)));

    public string Name { get; }

    public string IdentityHash => model.Manifest.WeightsSha256;

    public ObservationSpec Spec => model.Spec;

    public IReadOnlyList<string> ActionNames => model.ActionNames;

    public int Fps => EnvironmentRegistry.Info(environment).Fps;

    public BackendStart Begin(SessionStart start)
    {
        List<byte[]> frames;
        if (start.StartImage is { } image)
        {
            if (image.Length != Spec.FrameBytes)
                throw new OrreryException($"startImage: expected {Spec} = {Spec.FrameBytes} bytes, got {image.Length}");
            frames = [image];
        }
        else
        {
            var env = EnvironmentRegistry.Create(environment, start.World, Spec.Width);
            frames = [env.Reset(start.Seed)];
            while (frames.Count < Math.Max(1, model.ContextFrames)) frames.Add(env.Step(Noop).Observation);
        }
        var actions = Enumerable.Range(0, frames.Count).Select(t => t == 0 ? -1 : Noop).ToArray();
        var rollout = model.Begin(frames, actions, start.Seed);
        return new BackendStart(new ModelState(rollout), frames[^1]);
    }

    public IReadOnlyList<byte[]> Step(IReadOnlyList<BackendState> states, IReadOnlyList<int> actions) =>
        model.Step(states.Select(s => ((ModelState)s).Rollout).ToArray(), actions);

    public BackendState Clone(BackendState state) => new ModelState(((ModelState)state).Rollout.Clone());

    public void Save(BackendState state, Stream stream) => ((ModelState)state).Rollout.Save(stream);

    public BackendState Load(Stream stream) => new ModelState(RolloutState.Load(stream, model));

    public void Dispose() => model.Dispose();

    private sealed class ModelState(RolloutState rollout) : BackendState
    {
        public RolloutState Rollout { get; } = rollout;

        public override long FrameIndex => Rollout.FrameIndex;

        public override void Dispose()
        {
            Rollout.Dispose();
            base.Dispose();
        }
    }
}
