using Orrery.Model.Tokenizer;
using static TorchSharp.torch;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Groups a quantized tokenizer's codes by what they look like: each code is decoded as a frame of that code alone,
/// described by its channels' mean and spread (a wall's colour and how busy its texture is), and the descriptions are
/// clustered by k-means. The groups are numbered from darkest to brightest, so neighbours in that order look alike.
/// Deterministic: the same decoder gives the same groups.
/// </summary>
public static class ColourGroups
{
    private const int DecodeBatch = 100;
    private const int Iterations = 25;

    /// <summary>Each code's group (V) int64 on CPU, in [0, groups).</summary>
    public static Tensor Of(ConvAutoencoder tokenizer, int groups)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var looks = Looks(tokenizer);                                                 // (V, 2 C_img)
        var assignment = KMeans(looks, Math.Min(groups, (int)looks.shape[0]));        // (V)
        return ByBrightness(looks, assignment).MoveToOuterDisposeScope();
    }

    /// <summary>Every code decoded as a frame of that code alone -> (V, 2 C_img): each image channel's mean, then its std.</summary>
    private static Tensor Looks(ConvAutoencoder tokenizer)
    {
        var quantizer = tokenizer.Quantizer ?? throw new ArgumentException("colour groups need a quantized tokenizer");
        var dtype = tokenizer.parameters().First().dtype;
        var device = tokenizer.parameters().First().device;
        var looks = new List<Tensor>();
        for (long start = 0; start < quantizer.CodebookSize; start += DecodeBatch)
        {
            var codes = arange(start, Math.Min(quantizer.CodebookSize, start + DecodeBatch), dtype: ScalarType.Int64, device: device);   // (b)
            var latent = quantizer.Values(codes, dtype).unsqueeze(1).expand(-1, tokenizer.TokensPerFrame, -1);                           // (b, N, C)
            var frames = tokenizer.Decode(latent).to(ScalarType.Float32).cpu();                                                            // (b, C_img, H, W)
            looks.Add(cat([frames.mean([2, 3]), frames.std([2, 3])], 1));
        }
        return cat(looks, 0);
    }

    /// <summary>Lloyd's k-means, seeded by farthest points from the code nearest the mean look: (V, F) -> (V) cluster ids.</summary>
    private static Tensor KMeans(Tensor points, int k)
    {
        var first = (points - points.mean([0], keepdim: true)).square().sum([1]).argmin();
        var centres = new List<Tensor> { points.index_select(0, first.view(1)) };
        while (centres.Count < k)
            centres.Add(points.index_select(0, cdist(points, cat(centres, 0)).amin(1).argmax().view(1)));
        var c = cat(centres, 0);                                                      // (k, F)
        var assignment = cdist(points, c).argmin(1);                                  // (V)
        for (var i = 0; i < Iterations; i++)
        {
            var members = nn.functional.one_hot(assignment, k).to(ScalarType.Float32);  // (V, k)
            var counts = members.sum([0]).unsqueeze(1);                                 // (k, 1)
            c = where(counts.gt(0), members.t().matmul(points) / counts.clamp_min(1), c);   // an empty cluster keeps its centre
            assignment = cdist(points, c).argmin(1);
        }
        return assignment;
    }

    /// <summary>Renumbers clusters from darkest to brightest mean (ties by id).</summary>
    private static Tensor ByBrightness(Tensor looks, Tensor assignment)
    {
        var channels = looks.shape[1] / 2;
        var brightness = looks.narrow(1, 0, channels).mean([1]);                      // (V)
        var k = (int)assignment.max().item<long>() + 1;
        var mean = Enumerable.Range(0, k).Select(g => brightness.masked_select(assignment.eq(g)) is var m && m.numel() > 0 ? m.mean().item<float>() : float.MaxValue).ToArray();
        var rank = new long[k];
        var order = Enumerable.Range(0, k).OrderBy(g => mean[g]).ThenBy(g => g).ToArray();
        for (var r = 0; r < k; r++) rank[order[r]] = r;
        return tensor(rank).index_select(0, assignment);
    }
}
