using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Versioning;
using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Streams;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Recording;

/// <summary>
/// A session's saved state as one file: magic "ORRSNAP1", u32 little-endian header length, the UTF-8 JSON
/// SnapshotHeader, the latest frame (HWC uint8, spec-sized), then the simulator's own state bytes.
/// Write and Restore touch simulator state, so they run on the engine thread only; ReadFile runs anywhere else.
/// </summary>
public static class SessionSnapshot
{
    private static readonly byte[] Magic = "ORRSNAP1"u8.ToArray();

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static SnapshotInfo Write(Session session, string path)
    {
        var header = new SnapshotHeader(SnapshotHeader.CurrentVersion, session.Simulator.Name, session.Simulator.IdentityHash, session.Start.World,
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
            session.Simulator.Save(session.State, stream);
        });
        return new SnapshotInfo(Path.GetFullPath(path), new FileInfo(path).Length, header.FrameIndex, Checksums.Sha256File(path));
    }

    /// <summary>
    /// Reads a snapshot file into memory and checks its magic and header. Plain file work: call it anywhere but the
    /// inference thread, so that the header names the simulator to resolve before any session waits on it.
    /// </summary>
    public static SnapshotFile ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new OrreryException($"{path}: not an Orrery snapshot (expected magic ORRSNAP1, found '{Encoding.ASCII.GetString(bytes, 0, Math.Min(Magic.Length, bytes.Length))}')");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Magic.Length));
        var bodyStart = Magic.Length + 4L + length;
        if (bodyStart > bytes.Length)
            throw new OrreryException($"{path}: snapshot header of {length} bytes runs past the end of the file ({bytes.Length} bytes; file truncated)");
        var header = ReadHeader(bytes[(Magic.Length + 4)..(int)bodyStart], path);
        return new SnapshotFile(path, header, bytes[(int)bodyStart..]);
    }

    /// <summary>A live session from a snapshot read by ReadFile and the simulator its header names (engine thread only).</summary>
    internal static Session Restore(SnapshotFile snapshot, ISimulator simulator, SessionOptions options)
    {
        var (path, header) = (snapshot.Path, snapshot.Header);
        if (simulator.IdentityHash != header.IdentityHash)
            throw new OrreryException($"{path}: snapshot was made by '{header.Simulator}' with identity {header.IdentityHash[..12]}, but the loaded one is {simulator.IdentityHash[..12]}");
        using var stream = new MemoryStream(snapshot.Body, writable: false);
        var frame = new byte[simulator.World.Observation.FrameBytes];
        stream.ReadExactly(frame);
        var state = simulator.Restore(stream);
        var start = new SessionStart(header.World, header.Seed, header.StartImage is { } b ? Convert.FromBase64String(b) : null);
        return new Session(simulator, start, options with { Fps = header.Fps }, state, new Observation(frame, StreamValues.Empty),
                           header.FrameIndex, header.TickActions, header.ActionEvents);
    }

    private static SnapshotHeader ReadHeader(byte[] json, string path)
    {
        using (var doc = JsonDocument.Parse(json))
            if (!doc.RootElement.TryGetProperty("version", out var v) || v.GetInt32() != SnapshotHeader.CurrentVersion)
                throw new OrreryException($"{path}: snapshot header version {(doc.RootElement.TryGetProperty("version", out var found) ? found.ToString() : "missing")}, expected {SnapshotHeader.CurrentVersion} (version 1 snapshots held integer actions; replay its session's action log instead)");
        return JsonSerializer.Deserialize<SnapshotHeader>(json, Json) ?? throw new OrreryException($"{path}: empty snapshot header");
    }
}
