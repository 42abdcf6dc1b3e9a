namespace Orrery.Environments;

/// <summary>
/// How a pointer on the frame drives a box action (the browser client): the pointer's view coordinates (u, v), each in
/// [-1, 1] with u to the right and v up, become action[i] = Scale[i] * (u, v)[i], clipped to the box. Position
/// targets follow the pointer exactly and stay where it was released (HoldOnRelease); forces fall back to the no-op.
/// </summary>
public sealed record PointerControl(IReadOnlyList<float> Scale, bool HoldOnRelease)
{
    /// <summary>A box of two forces or torques: the pointer's offset from the centre sets them, release lets go.</summary>
    public static PointerControl Forces { get; } = new([1f, 1f], HoldOnRelease: false);
}
