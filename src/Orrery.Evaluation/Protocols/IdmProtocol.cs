using Orrery.Core.Spaces;
using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Scores an IDM on the same episodes twice: real pairs (truth t-1, truth t) and generated pairs (gen t-1, gen t),
/// both with the recorded action of frame t, for t after the first generated frame, so both see one action mix. A t whose
/// real pair shows no effect of its action (<see cref="VisibleEffect"/>) is left out of both sides.
/// </summary>
public static class IdmProtocol
{
    public static IdmReport Run(InverseDynamicsModel idm, IReadOnlyList<Rollout> generated, ActionVector noop, double heldOutAccuracy,
                                string cacheFolder, bool cached)
    {
        var real = new List<TransitionPair>();
        var fake = new List<TransitionPair>();
        var invisible = 0;
        foreach (var r in generated)
            for (var t = r.Context + 1; t < r.Length; t++)
            {
                if (r.Actions[t].IsUnknown) continue;
                var pair = new TransitionPair(r.Truth[t - 1].Frame, r.Truth[t].Frame, r.Actions[t]);
                if (!VisibleEffect.Shows(pair, noop))
                {
                    invisible++;
                    continue;
                }
                real.Add(pair);
                fake.Add(new TransitionPair(r.Generated[t - 1].Frame, r.Generated[t].Frame, r.Actions[t]));
            }
        var realAccuracy = idm.Accuracy(real);
        var generatedAccuracy = idm.Accuracy(fake);
        return new IdmReport(realAccuracy, generatedAccuracy, realAccuracy > 0 ? generatedAccuracy / realAccuracy : null,
                             real.Count, fake.Count, invisible, heldOutAccuracy, 1.0 / idm.Actions, cacheFolder, cached);
    }
}
