// The tokenizer alone: frames of a dataset encoded and decoded by a checkpoint, with their PSNR, and a sheet of
// originals (top) over reconstructions (bottom) to look at:
//   dotnet run bench/Reconstruct.cs -- CHECKPOINT DATASET OUT.png [FRAMES=12]
#:project ../src/Orrery.Model/Orrery.Model.csproj
#:project ../src/Orrery.Data/Orrery.Data.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using Orrery.Data.Format;
using Orrery.Data.Preview;
using Orrery.Model;
using Orrery.Model.Metrics;

using var model = WorldModel.Load(args[0]);
var data = Dataset.Open(args[1]);
var count = args.Length > 3 ? int.Parse(args[3]) : 12;
var spec = model.Spec;
var originals = new List<byte[]>();
var rng = new Random(1);
while (originals.Count < count)
{
    var episode = data.ReadEpisode(rng.Next(data.EpisodeCount));
    originals.Add(episode.Frame(rng.Next(episode.Length)).ToArray());
}
var reconstructions = originals.Select(model.Reconstruct).ToList();
var psnr = originals.Zip(reconstructions, (a, b) => Psnr.Compute(a, b)).ToArray();
var (pixels, height, width) = ContactSheet.Compose([.. originals, .. reconstructions], spec.Height, spec.Width, spec.Channels, count, scale: 3, separator: 2);
File.WriteAllBytes(args[2], PngWriter.Encode(pixels, height, width, spec.Channels));
Console.WriteLine($"{args[0]}: reconstruction PSNR {psnr.Average():F2} dB (min {psnr.Min():F2}) over {count} frames of {args[1]}; sheet {args[2]}");
