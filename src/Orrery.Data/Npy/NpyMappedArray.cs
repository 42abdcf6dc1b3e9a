using System.IO.MemoryMappedFiles;
using Orrery.Core.Errors;

namespace Orrery.Data.Npy;

/// <summary>
/// A uint8 .npy array mapped into memory, so readers copy only the bytes they need (e.g. a window of frames)
/// instead of loading whole episodes. Thread-safe for concurrent reads.
/// </summary>
public sealed class NpyMappedArray : IDisposable
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;

    private NpyMappedArray(NpyHeader header, MemoryMappedFile map, MemoryMappedViewAccessor view)
    {
        Header = header;
        this.map = map;
        this.view = view;
    }

    public NpyHeader Header { get; }

    /// <summary>Maps a uint8 array after validating its header and length.</summary>
    public static NpyMappedArray Open(string path)
    {
        NpyHeader header;
        using (var stream = NpyHeader.OpenRead(path)) header = NpyHeader.Read(stream, path);
        if (header.DType != NpyDType.UInt8)
            throw new OrreryException($"{path}: dtype is {header.DType.Name()}, expected uint8 frames");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = map.CreateViewAccessor(header.DataOffset, header.DataBytes, MemoryMappedFileAccess.Read);
            return new NpyMappedArray(header, map, view);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Copies count bytes starting at element offset into destination[destinationOffset..].</summary>
    public void Read(long offset, byte[] destination, int destinationOffset, int count)
    {
        if (offset < 0 || offset + count > Header.DataBytes) throw new ArgumentOutOfRangeException(nameof(offset));
        view.ReadArray(offset, destination, destinationOffset, count);
    }

    public void Dispose()
    {
        view.Dispose();
        map.Dispose();
    }
}
