using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Environments.Policies;
using Orrery.Evaluation.Plausibility;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Plausibility by classifier two-sample tests. For each policy, many lockstep rollouts of the model (world i mod n,
/// seed seed+i) run to the last point; at each point, a fresh judge learns the model's frames against the frames of
/// as many real episodes of the same worlds and policy with other seeds, and is scored on held-out rollouts. At the
/// first point of the first policy the judge is calibrated on the rollouts' own real frames, plain (real against real)
/// and blurred, smeared and striped.
/// </summary>
public static class PlausibilityProtocol
{
    /// <summary>Rollout frames the judge is scored at by default (a ten-minute eval on 2 cores); --long adds <see cref="LongPoints"/>.</summary>
    public static IReadOnlyList<int> DefaultPoints { get; } = [100, 500];

    public static IReadOnlyList<int> LongPoints { get; } = [1000, 10_000];

    /// <summary>Added to the reference real episodes' seeds, so they never replay a model rollout's episode.</summary>
    public const int ReferenceSeedOffset = 1_000_000;

    /// <summary>Gaussian blur of the calibration, in pixels (at 64x64 it softens every wall edge).</summary>
    public const double BlurSigma = 1.5;

    /// <summary>Horizontal smear of the calibration, in pixels.</summary>
    public const int SmearLength = 9;

    /// <summary>Example frames for the HTML report: one row per label.</summary>
    public sealed record Sample(string Label, IReadOnlyList<byte[]> Frames);

    /// <summary>
    /// The report, the judge of the first point of the first policy (the loops' frames get its verdict; the caller
    /// disposes it) and example frames.
    /// </summary>
    public sealed record Result(PlausibilityReport Report, PlausibilityJudge Judge, IReadOnlyList<Sample> Samples);

    public static Result Run(Func<int, IEnvironment> createEnv, IReadOnlyList<int> worlds, ISimulator model, IReadOnlyList<string> policies,
                             string? script, IReadOnlyList<int> points, int rollouts, int window, int context, int seed, long modelSeed,
                             JudgeOptions options, EvalProgress? progress = null)
    {
        var frames = points.Max() + window;
        var spec = createEnv(worlds[0]).Spec.Observation;
        var scored = new List<PlausibilityPoint>();
        var calibration = new List<JudgeCalibration>();
        var samples = new List<Sample>();
        PlausibilityJudge? loopJudge = null;
        var judges = policies.Count * points.Count + 4;
        var trained = 0;
        foreach (var policy in policies)
        {
            var episodes = Enumerable.Range(0, rollouts).Select(i =>
            {
                var env = createEnv(worlds[i % worlds.Count]);
                return new LockstepRollout.Episode(env, PolicyRegistry.Create(policy, env, script), worlds[i % worlds.Count], seed + i);
            }).ToArray();
            var truth = Windows();
            var generated = Windows();
            LockstepRollout.Run(model, episodes, frames, context, modelSeed,
                done => progress?.Invoke($"plausibility: {policy} rollouts", done, frames, "frames"),
                (t, real, gen) =>
                {
                    if (Slot(t) is not { } p) return;
                    for (var e = 0; e < rollouts; e++)
                    {
                        truth[e][p].Add(real[e].Frame);
                        generated[e][p].Add(gen[e].Frame);
                    }
                },
                keepFrames: false);
            var reference = Windows();
            for (var i = 0; i < rollouts; i++)
            {
                var env = createEnv(worlds[i % worlds.Count]);
                GroundTruth.Walk(env, PolicyRegistry.Create(policy, env, script), seed + ReferenceSeedOffset + i, frames, (t, o, _) =>
                {
                    if (Slot(t) is { } p) reference[i][p].Add(o.Frame);
                });
            }

            for (var p = 0; p < points.Count; p++)
            {
                var real = Group(reference, p);
                var judge = Judge(real, Group(generated, p));
                scored.Add(new PlausibilityPoint(policy, points[p], judge.Score));
                samples.Add(new Sample($"{policy}, frame {points[p]}: real (other seeds)", real.Select(g => g[0]).Take(8).ToArray()));
                samples.Add(new Sample($"{policy}, frame {points[p]}: model (judge accuracy {judge.Score.Accuracy:0.00})", Group(generated, p).Select(g => g[0]).Take(8).ToArray()));
                if (loopJudge is null) loopJudge = judge;
                else judge.Dispose();
            }
            if (calibration.Count > 0) continue;
            var own = Group(truth, 0);
            var reference0 = Group(reference, 0);
            var half = spec.Height / 2;
            foreach (var (against, corrupt) in new (string, Func<byte[], byte[]>)[]
                     {
                         ("real frames of other seeds", f => f),
                         ($"gaussian blur (sigma {BlurSigma} px)", f => FrameCorruption.GaussianBlur(f, spec, BlurSigma)),
                         ($"horizontal motion blur ({SmearLength} px)", f => FrameCorruption.MotionBlur(f, spec, SmearLength)),
                         ($"vertical stripes (row {half} repeated)", f => FrameCorruption.VerticalStripes(f, spec, half)),
                     })
            {
                var other = own.Select(g => g.Select(corrupt).ToArray()).ToArray();
                using var judge = Judge(reference0, other);
                calibration.Add(new JudgeCalibration(against, policy, points[0], judge.Score));
                samples.Add(new Sample($"calibration: {against} (judge accuracy {judge.Score.Accuracy:0.00})", other.Select(g => g[0]).Take(8).ToArray()));
            }

            List<byte[]>[][] Windows() => Enumerable.Range(0, rollouts).Select(_ => points.Select(_ => new List<byte[]>()).ToArray()).ToArray();
        }
        return new Result(new PlausibilityReport(rollouts, window, scored, calibration), loopJudge!, samples);

        int? Slot(int t)
        {
            for (var p = 0; p < points.Count; p++)
                if (t >= points[p] && t < points[p] + window) return p;
            return null;
        }

        static byte[][][] Group(List<byte[]>[][] windows, int point) => windows.Select(w => w[point].ToArray()).ToArray();

        PlausibilityJudge Judge(byte[][][] real, byte[][][] other)
        {
            progress?.Invoke("plausibility: judges", trained, judges, "judges");
            var judge = PlausibilityJudge.Train(spec, real, other, options);
            progress?.Invoke("plausibility: judges", ++trained, judges, "judges");
            return judge;
        }
    }
}
