using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Versioning;
using Orrery.Runtime.Backends;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Recording;

/// <summary>
/// A session's saved state as one file: magic "ORRSNAP1", u32 little-endian header length, the UTF-8 JSON
/// SnapshotHeader, the latest frame (HWC uint8, spec-sized), then the backend's own state bytes.
/// Called on the engine thread only (it touches backend state).
/// </summary>
public static class SessionSnapshot
{
    private static readonly byte[] Magic = "ORRSNAP1"u8.ToArray();

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static SnapshotInfo Write(Session session, string path)
    {
        var header = new SnapshotHeader(1, session.Backend.Name, session.Backend.IdentityHash, session.Start.World,
            session.Start.Seed, session.Start.StartImage is { } img ? Convert.ToBase64String(img) : null, session.Fps,
            session.FrameIndex, session.TickActions(), session.ActionEvents(), CodeVersion.GitCommit, DateTimeOffset.UtcNow);
        var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        var frame = session.Latest.Pixels;
        AtomicFile.Write(path, stream =>
        {
            stream.Write(Magic);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)json.Length);
            stream.Write(length);
            stream.Write(json);
            stream.Write(frame);
            session.Backend.Save(session.State, stream);
        });
        return new SnapshotInfo(Path.GetFullPath(path), new FileInfo(path).Length, header.FrameIndex, Checksums.Sha256File(path));
    }

    internal static Session Read(string path, Func<string, IWorldBackend> resolve, SessionOptions options)
    {
        using var stream = File.OpenRead(path);
        var magic = new byte[Magic.Length];
        stream.ReadExactly(magic);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new OrreryException($"{path}: not an Orrery snapshot (expected magic ORRSNAP1, found '{Encoding.ASCII.GetString(magic)}')");
        var length = new byte[4];
        stream.ReadExactly(length);
        var json = new byte[BinaryPrimitives.ReadUInt32LittleEndian(length)];
        stream.ReadExactly(json);
        var header = JsonSerializer.Deserialize<SnapshotHeader>(json, Json)
                     ?? throw new OrreryException($"{path}: empty snapshot header");
        var backend = resolve(header.Backend);
        if (backend.IdentityHash != header.IdentityHash)
            throw new OrreryException($"{path}: snapshot was made by '{header.Backend}' with identity {header.IdentityHash[..12]}, but the loaded one is {backend.IdentityHash[..12]}");
        var frame = new byte[backend.Spec.FrameBytes];
        stream.ReadExactly(frame);
        var state = backend.Load(stream);
        var start = new SessionStart(header.World, header.Seed, header.StartImage is { } b ? Convert.FromBase64String(b) : null);
        return new Session(backend, start, options with { Fps = header.Fps }, new BackendStart(state, frame),
                           header.FrameIndex, header.TickActions, header.ActionEvents);
    }
}
