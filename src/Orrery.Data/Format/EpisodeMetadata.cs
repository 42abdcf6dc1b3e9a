namespace Orrery.Data.Format;

/// <summary>Per-episode metadata, episodes/NNNNNN.json: what made this episode.</summary>
public sealed record EpisodeMetadata(int Index, string Env, int World, int Seed, string Policy, int Frames);
