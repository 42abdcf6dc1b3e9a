using System.Text;
using Orrery.Core.IO;

namespace Orrery.Core.Tests.IO;

public sealed class ChecksumsTests
{
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Sha256_of_abc_is_the_published_test_vector_in_lower_case_hex() =>
        Assert.Equal(AbcSha256, Checksums.Sha256(Encoding.ASCII.GetBytes("abc")));

    [Fact]
    public void Sha256File_matches_Sha256_of_the_same_bytes()
    {
        using var dir = new TempFolder();
        var path = dir["abc.txt"];
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("abc"));

        Assert.Equal(AbcSha256, Checksums.Sha256File(path));
    }
}
