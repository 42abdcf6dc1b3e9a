// MSBuild inline task (RoslynCodeTaskFactory). Marks the GLIBCXX_3.4.32 version requirement of
// libLibTorchSharp.so as weak (VER_FLG_WEAK) when the system libstdc++ does not define it.
// Compiled by MSBuild against netstandard, hence no spans or OperatingSystem.
// Facts and safety argument: ../shared/notes/torchsharp-on-debian12.md and README "Platform notes".
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class RelaxGlibcxxVersion : Task
{
    private const string NeededVersion = "GLIBCXX_3.4.32";
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] SystemLibStdCxx =
    {
        "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib64/libstdc++.so.6",
    };

    [Required] public string Library { get; set; } = "";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists(Library)) return true;
        var systemLib = Array.Find(SystemLibStdCxx, File.Exists);
        if (systemLib == null)
        {
            Log.LogMessage(MessageImportance.High, $"orrery: no system libstdc++ found; leaving {Library} untouched");
            return true;
        }
        if (Contains(File.ReadAllBytes(systemLib), NeededVersion)) return true;   // nothing needs fixing here

        try
        {
            var bytes = File.ReadAllBytes(Library);
            switch (MarkWeak(bytes))
            {
                case Outcome.Patched:
                    var tmp = Library + ".orrery-tmp";
                    File.WriteAllBytes(tmp, bytes);
                    File.Replace(tmp, Library, null);   // a rename: the library is never half-written
                    Log.LogMessage(MessageImportance.High, $"orrery: marked {NeededVersion} weak in {Library} (system libstdc++ lacks it)");
                    break;
                case Outcome.AlreadyWeak:
                    break;
                case Outcome.NotRequired:
                    Log.LogMessage(MessageImportance.Normal, $"orrery: {Library} does not require {NeededVersion}; nothing to do");
                    break;
            }
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Log.LogError($"orrery: could not relax {NeededVersion} in {Library}: {e.Message}");
            return false;
        }
    }

    private enum Outcome { Patched, AlreadyWeak, NotRequired }

    private static Outcome MarkWeak(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        var shentsize = BitConverter.ToUInt16(elf, 0x3A);
        var shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < shnum; i++)
        {
            var sh = checked((int)(shoff + (long)i * shentsize));
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            var offset = checked((int)BitConverter.ToUInt64(elf, sh + 0x18));
            var link = BitConverter.ToUInt32(elf, sh + 0x28);
            var strtab = checked((int)BitConverter.ToUInt64(elf, checked((int)(shoff + (long)link * shentsize)) + 0x18));
            return MarkWeakInVerneed(elf, offset, strtab);
        }
        throw new InvalidDataException("no SHT_GNU_verneed section");
    }

    private static Outcome MarkWeakInVerneed(byte[] elf, int verneed, int strtab)
    {
        while (true)
        {
            var count = BitConverter.ToUInt16(elf, verneed + 2);
            var aux = verneed + (int)BitConverter.ToUInt32(elf, verneed + 8);
            for (var j = 0; j < count; j++)
            {
                var name = ReadCString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8));
                if (name == NeededVersion)
                {
                    var flags = BitConverter.ToUInt16(elf, aux + 4);
                    if ((flags & VerFlgWeak) != 0) return Outcome.AlreadyWeak;
                    BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                    return Outcome.Patched;
                }
                aux += (int)BitConverter.ToUInt32(elf, aux + 12);
            }
            var next = BitConverter.ToUInt32(elf, verneed + 12);
            if (next == 0) return Outcome.NotRequired;
            verneed += (int)next;
        }
    }

    private static string ReadCString(byte[] bytes, int start)
    {
        var end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private static bool Contains(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle);
        for (var i = Array.IndexOf(haystack, pattern[0]); i >= 0 && i <= haystack.Length - pattern.Length; i = Array.IndexOf(haystack, pattern[0], i + 1))
        {
            var j = 1;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }
}
