using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;
using Orrery.Data.Import;
using Orrery.Data.LeRobot;
using Orrery.Data.Tests.Collect;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.LeRobot;

/// <summary>export -> import gives back the same dataset: actions, streams and (lossless video) frames, bit for bit.</summary>
public sealed class LeRobotRoundTripTests
{
    [Fact]
    public void Discrete_dataset_round_trips_to_identical_files_and_fingerprint()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["data"], episodes: 3, steps: 9);
        LeRobotExporter.Export(dir["data"], new LeRobotExportOptions(dir["lerobot"]));
        var manifest = LeRobotImporter.Import(dir["lerobot"], new ImportOptions(dir["again"]));
        using var original = Dataset.Open(dir["data"]);
        Assert.Equal(original.Fingerprint, manifest.Fingerprint);
        Assert.Equal(original.Manifest.ActionSpace, manifest.ActionSpace);
        Assert.Equal(original.Manifest.Streams, manifest.Streams);
        Assert.Equal(original.Manifest.Episodes.Select(e => (e.Seed, e.Policy)), manifest.Episodes.Select(e => (e.Seed, e.Policy)));
    }

    [Fact]
    public void Box_actions_grey_frames_and_extra_streams_round_trip_exactly()
    {
        using var dir = new TempDir();
        var box = new BoxActionSpace(["vx", "vy"], [-1f, -2f], [1f, 2f]);
        StreamSpec[] streams =
        [
            new(StreamNames.State, ["a", "b", "c"], "m", "a state"),
            new("force", ["fx", "fy"], "N", "an extra stream"),
            new(StreamNames.Success, [StreamNames.Success], "0/1", "solved"),
        ];
        var episodes = WriteRandom(dir["data"], box, streams, new ObservationInfo(9, 10, 1), lengths: [7, 1, 4]);
        LeRobotExporter.Export(dir["data"], new LeRobotExportOptions(dir["lerobot"]));
        LeRobotImporter.Import(dir["lerobot"], new ImportOptions(dir["again"]));
        using var again = Dataset.Open(dir["again"]);
        Assert.Equal(new ObservationSpec(9, 10, 1), again.Spec);
        Assert.Equal(box, again.ActionSpace);
        for (var i = 0; i < episodes.Length; i++)
        {
            var e = again.ReadEpisode(i);
            Assert.Equal(episodes[i].Frames, e.Frames);        // libx264rgb at qp 0 is lossless: no PSNR tolerance needed
            Assert.Equal(episodes[i].Actions, e.Actions);
            foreach (var s in streams) Assert.Equal(episodes[i].Streams[s.Name], e.Stream(s.Name));
        }
    }

    [Fact]
    public void A_lerobot_dataset_without_orrery_provenance_imports_from_its_features_alone()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["data"], episodes: 2, steps: 8);
        LeRobotExporter.Export(dir["data"], new LeRobotExportOptions(dir["lerobot"]));
        File.Delete(Path.Combine(dir["lerobot"], "meta/orrery.json"));   // as a dataset recorded by lerobot itself would be
        LeRobotImporter.Import(dir["lerobot"], new ImportOptions(dir["again"]));
        using var original = Dataset.Open(dir["data"]);
        using var again = Dataset.Open(dir["again"]);
        Assert.Equal("import:lerobot", again.Manifest.Env.Name);
        Assert.IsType<DiscreteActionSpace>(again.ActionSpace);
        Assert.Equal(["reward", "state"], again.Manifest.Streams.Select(s => s.Name).Order(StringComparer.Ordinal));
        for (var i = 0; i < 2; i++)
        {
            var (a, b) = (original.ReadEpisode(i), again.ReadEpisode(i));
            Assert.Equal(a.Actions, b.Actions);
            Assert.Equal(a.Stream("state"), b.Stream("state"));
            Assert.Equal(a.Stream("reward"), b.Stream("reward"));
            Assert.Equal(a.Frames, b.Frames);
        }
    }

    /// <summary>A dataset of random frames, box actions within bounds and random streams (success 0 on each first frame, as collected data has it).</summary>
    private static Episode[] WriteRandom(string dir, BoxActionSpace box, StreamSpec[] streams, ObservationInfo obs, int[] lengths)
    {
        var rng = new Random(5);
        var writer = DatasetWriter.Open(dir, new DatasetEnvironment("random", 0, obs, 10), box, streams, new Dictionary<string, string> { ["seed"] = "5" });
        var spec = new ObservationSpec(obs.Height, obs.Width, obs.Channels);
        return lengths.Select((t, i) =>
        {
            var frames = new byte[t * spec.FrameBytes];
            rng.NextBytes(frames);
            var actions = Enumerable.Range(0, t).Select(k => k == 0 ? ActionVector.Unknown
                : ActionVector.Continuous(box.Low.Select((lo, d) => lo + (float)rng.NextDouble() * (box.High[d] - lo)).ToArray())).ToArray();
            var values = streams.ToDictionary(s => s.Name, s => Enumerable.Range(0, t * s.Size)
                .Select(k => s.Name == StreamNames.Success ? (k == 0 ? 0f : rng.Next(2)) : (float)rng.NextDouble()).ToArray());
            writer.Add(i, 100 + i, "random", frames, actions, values);
            return new Episode(i, spec, frames, actions, values);
        }).ToArray();
    }
}
