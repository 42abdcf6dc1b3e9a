using static TorchSharp.torch;

namespace Orrery.Model.Memory;

/// <summary>
/// The frames recalled for each frame of a clip: their latents (B, T, M, N, C) and their slot features (B, T, M, 2S+1)
/// from <see cref="MemoryRecall"/>: each key relative to the query, the query, and an absent flag.
/// </summary>
public sealed record MemoryInput(Tensor Latents, Tensor Keys)
{
    /// <summary>Frames [from, from + count) of every clip.</summary>
    public MemoryInput Narrow(int from, int count) => new(Latents.narrow(1, from, count), Keys.narrow(1, from, count));

    /// <summary>The first `rows` clips.</summary>
    public MemoryInput Rows(int rows) => new(Latents.narrow(0, 0, rows), Keys.narrow(0, 0, rows));

    /// <summary>In another dtype (the compute precision of a training step).</summary>
    public MemoryInput To(ScalarType dtype) => new(Latents.to(dtype), Keys.to(dtype));
}
