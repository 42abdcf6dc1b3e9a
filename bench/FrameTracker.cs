// Where the model draws the reach fingertip and target, against where its state stream says they are. Each policy
// plays closed-loop in the truth; the model replays the same actions from the same context. Per horizon: the mean
// distance (cm) from the true fingertip / target to (a) the state stream's, (b) the centroid of orange / green pixels
// of the model's frame, (c) that centroid on the true frame (the tracker's own error), (d) on the true frame passed
// through the model's tokenizer (what the latents can hold). A frame with less than a pixel's worth of the marker's
// colour has no centroid: the distance is over the frames that have one, and "drawn" says how many do. Last, how
// often each judge of success (the state stream, the tracker on the model's frame) agrees with the truth.
//   dotnet run bench/FrameTracker.cs -- MODEL EPISODES STEPS SEED POLICY[,POLICY...]
#:project ../src/Orrery.Evaluation/Orrery.Evaluation.csproj
#:project ../src/Orrery.Cli/Orrery.Cli.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using Orrery.Core.Environments;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Environments.Reach;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;

var (modelDir, episodes, steps, seed) = (args[0], int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]));
using var wm = WorldModel.Load(modelDir, new WorldModelOptions());
var environment = EnvironmentRegistry.Create("reach", 0, wm.Spec.Height);
using var truth = new EnvironmentSimulator("reach", wm.Spec.Height);
var context = new EnvironmentContext();
var starts = Enumerable.Range(0, episodes).Select(e => (seed + e, context.Context("reach", truth.World.Parameters, 0, seed + e, wm.ContextFrames))).ToArray();
var fields = environment.Spec.Stream(StreamNames.State)!.Fields.ToList();
var (fx, fy, tx, ty) = (fields.IndexOf("fingertip_x"), fields.IndexOf("fingertip_y"), fields.IndexOf("target_x"), fields.IndexOf("target_y"));
var size = wm.Spec.Height;
var mpp = 2 * ReachRenderer.ViewHalfWidth / size;
// weighted centroid of the pixels whose colour is most like the marker's; weight is how far the pixel leans to it
(double X, double Y)? Centroid(byte[] frame, Func<int, int, int, double> lean)
{
    double sw = 0, sx = 0, sy = 0;
    for (var row = 0; row < size; row++)
        for (var col = 0; col < size; col++)
        {
            var p = (row * size + col) * 3;
            var w = lean(frame[p], frame[p + 1], frame[p + 2]);
            if (w <= 0) continue;
            w *= w;
            sw += w; sx += w * ((col + 0.5) * mpp - ReachRenderer.ViewHalfWidth); sy += w * (ReachRenderer.ViewHalfWidth - (row + 0.5) * mpp);
        }
    return sw >= 1 ? (sx / sw, sy / sw) : null;
}
(double X, double Y)? Fingertip(byte[] f) => Centroid(f, (r, g, b) => Math.Clamp((r - b - 80) / 145.0, 0, 1));
(double X, double Y)? TargetOf(byte[] f) => Centroid(f, (r, g, b) => Math.Clamp((g - (r + b) / 2.0 - 40) / 65.0, 0, 1));
double? D((double X, double Y)? a, float x, float y) => a is { } p ? 100 * Math.Sqrt((p.X - x) * (p.X - x) + (p.Y - y) * (p.Y - y)) : null;
bool Near((double X, double Y)? a, (double X, double Y)? b) => a is { } p && b is { } q && Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y)) <= ReachEnvironment.TargetRadius;
var horizons = new[] { 1, 5, 10, 20, 40, steps - wm.ContextFrames - 1 }.Where(h => h > 0 && h < steps - wm.ContextFrames).Distinct().ToArray();
foreach (var policyName in args[4].Split(','))
{
    var played = ClosedLoop.Run(truth, starts.Select(s => new ClosedLoop.Episode(Orrery.Cli.Commands.PolicyChoice.Create(policyName, environment), s.Item1, s.Item2)).ToArray(), steps, stopAtSuccess: false);
    var recorded = played.Select((r, e) => new Rollout(0, seed + e, wm.Spec, wm.ContextFrames, r.Observations, [], r.Actions)).ToArray();
    var replayed = Replay.Run(wm, recorded, 0);
    Console.WriteLine($"## {policyName}, {episodes} episodes; distances to the truth in cm");
    Console.WriteLine("| horizon | fingertip: state stream | model frame (drawn) | true frame | tokenizer | target: state stream | model frame (drawn) | true frame | tokenizer | success agrees: state rule | tracker on model frame |");
    foreach (var h in horizons)
    {
        var t = wm.ContextFrames - 1 + h;
        double Avg(Func<Rollout, double> f) => replayed.Average(f);
        // mean over the frames with a centroid, and how many of the episodes' frames have one
        string Found(Func<Rollout, double?> f) => replayed.Select(f).OfType<double>().ToArray() is { Length: > 0 } d ? $"{d.Average():0.0} ({d.Length}/{replayed.Count})" : $"none (0/{replayed.Count})";
        float[] S(Observation o) => o.Streams[StreamNames.State].ToArray();
        var ftState = Avg(r => D((S(r.Generated[t])[fx], S(r.Generated[t])[fy]), S(r.Truth[t])[fx], S(r.Truth[t])[fy])!.Value);
        var ftModel = Found(r => D(Fingertip(r.Generated[t].Frame), S(r.Truth[t])[fx], S(r.Truth[t])[fy]));
        var ftTrue = Found(r => D(Fingertip(r.Truth[t].Frame), S(r.Truth[t])[fx], S(r.Truth[t])[fy]));
        var ftTok = Found(r => D(Fingertip(wm.Reconstruct(r.Truth[t].Frame)), S(r.Truth[t])[fx], S(r.Truth[t])[fy]));
        var tgTok = Found(r => D(TargetOf(wm.Reconstruct(r.Truth[t].Frame)), S(r.Truth[t])[tx], S(r.Truth[t])[ty]));
        var tgState = Avg(r => D((S(r.Generated[t])[tx], S(r.Generated[t])[ty]), S(r.Truth[t])[tx], S(r.Truth[t])[ty])!.Value);
        var tgModel = Found(r => D(TargetOf(r.Generated[t].Frame), S(r.Truth[t])[tx], S(r.Truth[t])[ty]));
        var tgTrue = Found(r => D(TargetOf(r.Truth[t].Frame), S(r.Truth[t])[tx], S(r.Truth[t])[ty]));
        bool TrueSolved(Rollout r) => ReachEnvironment.SolvedByState(S(r.Truth[t]));
        var agreeState = Avg(r => ReachEnvironment.SolvedByState(S(r.Generated[t])) == TrueSolved(r) ? 1 : 0);
        var agreeTracker = Avg(r => Near(Fingertip(r.Generated[t].Frame), TargetOf(r.Generated[t].Frame)) == TrueSolved(r) ? 1 : 0);
        Console.WriteLine($"| {h} | {ftState:0.0} | {ftModel} | {ftTrue} | {ftTok} | {tgState:0.0} | {tgModel} | {tgTrue} | {tgTok} | {agreeState:0.00} | {agreeTracker:0.00} |");
    }
}
(environment as IDisposable)?.Dispose();
