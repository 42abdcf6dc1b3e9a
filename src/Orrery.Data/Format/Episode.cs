using Orrery.Core.Spaces;

namespace Orrery.Data.Format;

/// <summary>
/// One recorded trajectory. Frames are (T,H,W,C) uint8; actions[t] produced frames[t] from frames[t-1]
/// (actions[0] = -1; -1 means no/unknown action); rewards[t] was received on arriving at frames[t] (rewards[0] = 0).
/// </summary>
public sealed record Episode(int Index, ObservationSpec Spec, byte[] Frames, int[] Actions, float[] Rewards)
{
    /// <summary>The null/unknown action.</summary>
    public const int NoAction = -1;

    public int Length => Actions.Length;

    /// <summary>Frame t as a (H,W,C) slice.</summary>
    public ReadOnlyMemory<byte> Frame(int t) => Frames.AsMemory(t * Spec.FrameBytes, Spec.FrameBytes);
}
