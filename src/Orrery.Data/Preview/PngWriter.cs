using System.Runtime.InteropServices;
using Orrery.Core.IO;
using SkiaSharp;

namespace Orrery.Data.Preview;

/// <summary>Writes one (H,W,C) uint8 image as PNG through SkiaSharp; grey-scale stays grey.</summary>
public static class PngWriter
{
    public static void Write(string path, byte[] pixels, int height, int width, int channels) =>
        AtomicFile.WriteAllBytes(path, Encode(pixels, height, width, channels));

    public static byte[] Encode(byte[] pixels, int height, int width, int channels)
    {
        var grey = channels == 1;
        var data = grey ? pixels : Pixels.Expand(pixels, height, width, channels, 4);
        var info = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, grey ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var rowBytes = width * (grey ? 1 : 4);
        for (var y = 0; y < height; y++)
            Marshal.Copy(data, y * rowBytes, bitmap.GetPixels() + y * bitmap.RowBytes, rowBytes);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
