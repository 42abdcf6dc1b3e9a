namespace Orrery.Data.Import;

/// <summary>
/// Common import settings: the dataset folder to write, frames per second to record (Fps null = 24, or the
/// video's own rate for video), at most MaxEpisodes episodes (null = all), and an optional Resize to H x W (video only).
/// </summary>
public sealed record ImportOptions(string Out, int? Fps = null, int? MaxEpisodes = null, (int Height, int Width)? Resize = null)
{
    public const int DefaultFps = 24;
}
