using Microsoft.AspNetCore.Http;
using Orrery.Core.Spaces;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Orrery.Server.Api;

/// <summary>Decodes a client's base64 PNG start image into the backend's HWC uint8 frame (resized when needed).</summary>
public static class StartImage
{
    public static byte[] Decode(string base64, ObservationSpec spec)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Contains(',', StringComparison.Ordinal) ? base64[(base64.IndexOf(',', StringComparison.Ordinal) + 1)..] : base64);
        }
        catch (FormatException)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, "startImage: expected base64 PNG bytes");
        }
        try
        {
            using var image = Image.Load<Rgb24>(bytes);
            if (image.Width != spec.Width || image.Height != spec.Height)
                image.Mutate(x => x.Resize(spec.Width, spec.Height));
            var pixels = new byte[spec.Width * spec.Height * 3];
            image.CopyPixelDataTo(pixels);
            return pixels;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"startImage: not a readable PNG ({e.Message})");
        }
    }
}
