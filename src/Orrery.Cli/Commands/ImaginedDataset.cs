using System.Globalization;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Data.Format;
using Orrery.Environments;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery rollout --out-dataset`: synthetic data. A policy acts closed-loop inside the model (on its predicted frames
/// and streams), and each episode is written as an Orrery dataset episode: the model's frames, its predicted streams
/// and the policy's actions, behind the first context frames of the truth. The manifest's arguments name the model and
/// its weights, so imagined data is never mistaken for recorded data. Reruns resume like `collect`.
/// </summary>
public static class ImaginedDataset
{
    /// <summary>Writes <paramref name="episodes"/> episodes of <paramref name="frames"/> frames; episode e starts from reset seed seed + e.</summary>
    public static DatasetManifest Write(WorldModel wm, string modelDir, IEnvironment environment, int world, string policyName, Func<IPolicy> policy,
                                       int episodes, int frames, int seed, int context, string dir, Action<int> progress)
    {
        var spec = environment.Spec;
        var missing = spec.Streams.Select(s => s.Name).Except(wm.PredictedStreams).ToArray();
        if (missing.Length > 0) throw new OrreryException($"{modelDir}: the model predicts no stream {string.Join(", ", missing)}; an imagined dataset needs every stream of '{environment.Name}'");
        var args = new Dictionary<string, string>
        {
            ["env"] = environment.Name,
            ["world"] = Text(world),
            ["policy"] = policyName,
            ["episodes"] = Text(episodes),
            ["steps"] = Text(frames),
            ["seed"] = Text(seed),
            ["resolution"] = $"{spec.Observation.Height}x{spec.Observation.Width}",
            ["imagined-by"] = Path.GetFullPath(modelDir),
            ["model-weights-sha256"] = wm.Manifest.WeightsSha256,
            ["context-frames"] = Text(context),
        };
        var info = new DatasetEnvironment(environment.Name, world, new ObservationInfo(spec.Observation.Height, spec.Observation.Width, spec.Observation.Channels), spec.Fps);
        var writer = DatasetWriter.Open(dir, info, spec.Actions, spec.Streams, args);
        var source = new EnvironmentContext();
        for (var e = 0; e < episodes; e++)
        {
            if (writer.Has(e)) continue;
            var start = source.Context(environment.Name, wm.World.Parameters, world, seed + e, context);
            var result = ClosedLoop.Run(wm, [new ClosedLoop.Episode(policy(), seed + e, start)], frames, stopAtSuccess: false, t => progress(e * frames + t))[0];
            var observations = result.Observations;
            var streams = spec.Streams.ToDictionary(s => s.Name, s => observations.SelectMany(o => o.Streams[s.Name]).ToArray());
            writer.Add(e, seed + e, policyName, observations.SelectMany(o => o.Frame).ToArray(), result.Actions, streams);
        }
        return writer.Manifest;
    }

    private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
