namespace Orrery.Data.LeRobot;

/// <summary>One row of meta/episodes: its length, which data file holds its rows, and where its frames sit in which video file.</summary>
public sealed record LeRobotEpisode(long Index, long Length, long DataChunk, long DataFile, long VideoChunk, long VideoFile, double FromTimestamp, string Task);
