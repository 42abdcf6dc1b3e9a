using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Scores an IDM on the same episodes twice: real pairs (truth t-1, truth t) and generated pairs (gen t-1, gen t),
/// both with the recorded action of frame t, for t after the first generated frame, so both see one action mix.
/// </summary>
public static class IdmProtocol
{
    public static IdmReport Run(InverseDynamicsModel idm, IReadOnlyList<Rollout> generated, double heldOutAccuracy, string cacheFolder, bool cached)
    {
        var real = new List<TransitionPair>();
        var fake = new List<TransitionPair>();
        foreach (var r in generated)
            for (var t = r.Context + 1; t < r.Length; t++)
            {
                if (r.Actions[t].IsUnknown) continue;
                real.Add(new TransitionPair(r.Truth[t - 1].Frame, r.Truth[t].Frame, r.Actions[t]));
                fake.Add(new TransitionPair(r.Generated[t - 1].Frame, r.Generated[t].Frame, r.Actions[t]));
            }
        var realAccuracy = idm.Accuracy(real);
        var generatedAccuracy = idm.Accuracy(fake);
        return new IdmReport(realAccuracy, generatedAccuracy, realAccuracy > 0 ? generatedAccuracy / realAccuracy : null,
                             real.Count, fake.Count, heldOutAccuracy, 1.0 / idm.Actions, cacheFolder, cached);
    }
}
