using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orrery.Core.Versioning;

namespace Orrery.Core.Tests.Versioning;

public sealed partial class CodeVersionTests
{
    [Theory]
    [InlineData("LibTorchVersion")]
    [InlineData("TorchSharpVersion")]
    public void Stamped_native_versions_match_the_pins_in_Directory_Packages_props(string property)
    {
        var pinned = PinnedVersion(property);
        var stamped = property == "LibTorchVersion" ? CodeVersion.LibTorch : CodeVersion.TorchSharp;

        Assert.Equal(pinned, stamped);
    }

    [Fact]
    public void GitCommit_is_a_full_sha_optionally_dirty_or_unknown() =>
        Assert.Matches(CommitPattern(), CodeVersion.GitCommit);

    [GeneratedRegex("^([0-9a-f]{40}(\\+dirty)?|unknown)$")]
    private static partial Regex CommitPattern();

    private static string PinnedVersion(string property)
    {
        var props = XDocument.Load(Path.Combine(RepoRoot(), "Directory.Packages.props"));
        var value = props.Descendants(property).Single().Value.Trim();
        Assert.False(string.IsNullOrEmpty(value), $"{property} is empty in Directory.Packages.props");
        return value;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) return dir.FullName;
        throw new InvalidOperationException($"no Directory.Packages.props above {AppContext.BaseDirectory}");
    }
}
