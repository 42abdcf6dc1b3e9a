using Orrery.Core.Spaces;

namespace Orrery.Data.Format;

/// <summary>K consecutive frames of one episode: Frames (K,H,W,C) uint8, Actions (K), same alignment as <see cref="Episode"/>.</summary>
public sealed record Window(int Episode, int Start, byte[] Frames, ActionVector[] Actions)
{
    public int Length => Actions.Length;
}
