using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using static TorchSharp.torch;

namespace Orrery.Model.Checkpoints;

/// <summary>
/// Writes and reads float32 tensors in the safetensors format (readable by Python's safetensors), checking every
/// name, shape and dtype on load: a mismatch is one clear line, never a silently wrong model.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Writes the tensors (in the given order) atomically as F32.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        var data = tensors.Select(t => (t.Name, Bytes: Float32Bytes(t.Tensor), Shape: t.Tensor.shape)).ToArray();
        var header = SafetensorsHeader.Build(data.Select(d => (d.Name, "F32", d.Shape, (long)d.Bytes.Length)));
        AtomicFile.Write(path, s =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(len, header.Length);
            s.Write(len);
            s.Write(header);
            foreach (var d in data) s.Write(d.Bytes);
        });
    }

    /// <summary>
    /// Loads a file into the given named tensors (in place, no grad). Every expected name must be present with the same
    /// shape and dtype F32, and the file must hold no other tensors except those `skipped` accepts.
    /// </summary>
    public static void Load(string path, IEnumerable<(string Name, Tensor Tensor)> expected, Func<string, bool>? skipped = null)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: file not found");
        var file = File.ReadAllBytes(path);
        var header = SafetensorsHeader.Parse(file, path, file.Length);
        var name = Path.GetFileName(path);
        var targets = expected.ToArray();
        var wanted = targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var extra = header.Entries.Keys.Where(k => !wanted.Contains(k) && skipped?.Invoke(k) != true).OrderBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        if (extra is not null) throw new OrreryException($"{name}: unexpected tensor {extra} (not in the model built from the manifest's config)");
        foreach (var (tensorName, tensor) in targets)
        {
            if (!header.Entries.TryGetValue(tensorName, out var entry))
                throw new OrreryException($"{name}: tensor {tensorName} is missing (expected shape [{string.Join(',', tensor.shape)}])");
            if (!entry.Shape.SequenceEqual(tensor.shape))
                throw new OrreryException($"{name}: tensor {tensorName} has shape [{string.Join(',', entry.Shape)}], expected [{string.Join(',', tensor.shape)}]");
            if (entry.DType != "F32")
                throw new OrreryException($"{name}: tensor {tensorName} has dtype {entry.DType}, expected F32");
            if (entry.End - entry.Begin != tensor.numel() * 4)
                throw new OrreryException($"{name}: tensor {tensorName} has {entry.End - entry.Begin} data bytes, expected {tensor.numel() * 4}");
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (tensorName, tensor) in targets)
        {
            var entry = header.Entries[tensorName];
            var floats = MemoryMarshal.Cast<byte, float>(file.AsSpan((int)(header.DataStart + entry.Begin), (int)(entry.End - entry.Begin))).ToArray();
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
            tensor.copy_(TorchSharp.torch.tensor(floats, tensor.shape).to(tensor.dtype));
        }
    }

    /// <summary>Little-endian float32 bytes of a tensor (converted from any float dtype, moved to CPU).</summary>
    public static byte[] Float32Bytes(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        return cpu.bytes.ToArray();
    }
}
