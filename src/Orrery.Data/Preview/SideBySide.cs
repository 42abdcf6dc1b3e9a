namespace Orrery.Data.Preview;

/// <summary>Two frame sequences shown next to each other (e.g. ground truth left, model right) with a white separator.</summary>
public static class SideBySide
{
    /// <summary>
    /// Concatenates frame t of left and right horizontally. When one sequence is shorter, its side is black
    /// for the missing frames, so a rollout that outlives its ground truth stays visible.
    /// </summary>
    public static FrameSequence Compose(IReadOnlyList<byte[]> left, IReadOnlyList<byte[]> right, int height, int width, int channels, int separator = 2)
    {
        var outWidth = 2 * width + separator;
        var row = width * channels;
        var frames = new List<byte[]>();
        for (var t = 0; t < Math.Max(left.Count, right.Count); t++)
        {
            var frame = new byte[height * outWidth * channels];
            for (var y = 0; y < height; y++)
            {
                var o = y * outWidth * channels;
                if (t < left.Count) Array.Copy(left[t], y * row, frame, o, row);
                frame.AsSpan(o + row, separator * channels).Fill(255);
                if (t < right.Count) Array.Copy(right[t], y * row, frame, o + row + separator * channels, row);
            }
            frames.Add(frame);
        }
        return new FrameSequence(frames, height, outWidth, channels);
    }
}
