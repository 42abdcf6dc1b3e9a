// A contact sheet of rollouts side by side: one row per .npy clip (T, H, W, C) uint8, one column per frame index, so
// truth and models can be compared at frames 10, 100, 1,000 and 10,000 of one rollout:
//   dotnet run bench/RolloutSheet.cs -- OUT.png 10,100,1000,9999 truth.npy model-a.npy model-b.npy
// (the .npy files from `orrery rollout ... --out x.npy`: x.npy is the model, x.truth.npy the ground truth).
#:project ../src/Orrery.Data/Orrery.Data.csproj
using Orrery.Data.Npy;
using Orrery.Data.Preview;

var frameIndices = args[1].Split(',').Select(int.Parse).ToArray();
var clips = args[2..].Select(NpyFile.Read).ToArray();
var (h, w, c) = ((int)clips[0].Shape[1], (int)clips[0].Shape[2], (int)clips[0].Shape[3]);
var frameBytes = h * w * c;
var tiles = new List<byte[]>();
foreach (var (clip, path) in clips.Zip(args[2..]))
{
    if (clip.Shape.Count != 4 || clip.Shape[1] != h || clip.Shape[2] != w || clip.Shape[3] != c)
        throw new ArgumentException($"{path}: shape [{string.Join(",", clip.Shape)}], expected [T,{h},{w},{c}]");
    foreach (var t in frameIndices)
    {
        if (t >= clip.Shape[0]) throw new ArgumentException($"{path}: has {clip.Shape[0]} frames, no frame {t}");
        tiles.Add(clip.Data.AsSpan(t * frameBytes, frameBytes).ToArray());
    }
}
var (pixels, height, width) = ContactSheet.Compose(tiles, h, w, c, frameIndices.Length, scale: 3, separator: 2);
File.WriteAllBytes(args[0], PngWriter.Encode(pixels, height, width, c));
Console.WriteLine($"{args[0]}: {clips.Length} rows ({string.Join(" | ", args[2..].Select(Path.GetFileName))}) x frames {args[1]}");
