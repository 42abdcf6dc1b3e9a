using Orrery.Core.Spaces;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>Two consecutive frames (HWC uint8) and the action that led from the first to the second.</summary>
public readonly record struct TransitionPair(byte[] Before, byte[] After, ActionVector Action);
