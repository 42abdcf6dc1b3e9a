namespace Orrery.Data.Collect;

/// <summary>What a collect did: episodes written now, episodes already there (resumed), and the dataset's totals.</summary>
public sealed record CollectResult(int EpisodesWritten, int EpisodesSkipped, int TotalEpisodes, long TotalFrames, string Fingerprint);
