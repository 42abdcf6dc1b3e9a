using Orrery.Core.Spaces;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>
/// The IDM's rule for pairs no judge could name: an action other than the no-op whose real frames are byte-identical
/// (forward or strafe into a wall, back against one) looks exactly like the no-op, so such pairs are left out of its
/// training, its held-out score and, judged on the real pair, of both sides of the real/generated comparison.
/// </summary>
public static class VisibleEffect
{
    /// <summary>True when the pair can be named: the action is the no-op, or the real frames differ.</summary>
    public static bool Shows(TransitionPair real, ActionVector noop) =>
        real.Action.Equals(noop) || !real.Before.AsSpan().SequenceEqual(real.After);
}
