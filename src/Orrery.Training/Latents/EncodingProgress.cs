namespace Orrery.Training.Latents;

/// <summary>How far encoding the corpus into latents has got: frames done of the total, and the speed.</summary>
public sealed record EncodingProgress(long Frames, long TotalFrames, double FramesPerSecond);
