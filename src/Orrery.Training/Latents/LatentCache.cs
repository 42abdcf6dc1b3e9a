using System.Diagnostics;
using Orrery.Model;
using static TorchSharp.torch;

namespace Orrery.Training.Latents;

/// <summary>
/// Every training and validation frame encoded once by the trained tokenizer, so that the dynamics and decoder stages
/// run no encoder convolutions. Frames are encoded in fixed batches that run across episode boundaries, so a corpus of
/// many short episodes encodes as fast as one of few long ones.
/// </summary>
public sealed class LatentCache(TrainingCorpus train, TrainingCorpus validation, Action<EncodingProgress>? progress = null) : IDisposable
{
    /// <summary>Frames per encoder pass.</summary>
    public const int BatchFrames = 64;

    private Tensor[]? trainLatents;
    private Tensor[]? validationLatents;

    /// <summary>Frames one encoding pass covers (training plus held-out validation frames).</summary>
    public long FrameCount => train.FrameCount + (ReferenceEquals(validation, train) ? 0 : validation.FrameCount);

    /// <summary>Latents (T, N, C) of each training episode; encoded on first use.</summary>
    public IReadOnlyList<Tensor> Train(WorldModelNetwork network)
    {
        if (trainLatents is null) Encode(network);
        return trainLatents!;
    }

    /// <summary>Latents (T, N, C) of each validation episode; encoded on first use.</summary>
    public IReadOnlyList<Tensor> Validation(WorldModelNetwork network)
    {
        if (validationLatents is null) Encode(network);
        return validationLatents!;
    }

    /// <summary>(Re-)encodes every frame with the network's current encoder, reporting progress after each batch.</summary>
    public void Encode(WorldModelNetwork network)
    {
        Release();
        var clock = Stopwatch.StartNew();
        long done = 0;
        var total = FrameCount;
        void Advance(int frames)
        {
            done += frames;
            progress?.Invoke(new EncodingProgress(done, total, done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        }
        trainLatents = Encode(network, train, Advance);
        validationLatents = ReferenceEquals(validation, train) ? trainLatents : Encode(network, validation, Advance);
    }

    private static Tensor[] Encode(WorldModelNetwork network, TrainingCorpus corpus, Action<int> advance)
    {
        network.eval();
        using var noGrad = no_grad();
        var spec = corpus.Spec;
        var episodes = corpus.Episodes;
        var result = episodes.Select(e => empty([e.Length, network.Dynamics.Tokens, network.Config.Tokenizer.LatentChannels]).DetachFromDisposeScope()).ToArray();   // (T, N, C)
        var bytes = new byte[BatchFrames * spec.FrameBytes];
        var pieces = new List<(int Episode, int Start, int Count)>();
        var (episode, frame) = (0, 0);
        while (episode < episodes.Count)
        {
            pieces.Clear();
            var filled = 0;
            while (filled < BatchFrames && episode < episodes.Count)
            {
                var count = Math.Min(BatchFrames - filled, episodes[episode].Length - frame);
                episodes[episode].Frames.AsSpan(frame * spec.FrameBytes, count * spec.FrameBytes).CopyTo(bytes.AsSpan(filled * spec.FrameBytes));
                pieces.Add((episode, frame, count));
                filled += count;
                frame += count;
                if (frame == episodes[episode].Length) (episode, frame) = (episode + 1, 0);
            }
            using (var scope = NewDisposeScope())
            {
                var latents = network.Tokenizer.Encode(FrameTensors.FromBytes(bytes.AsSpan(0, filled * spec.FrameBytes).ToArray(), filled, spec));   // (n, N, C)
                var offset = 0;
                foreach (var (e, start, count) in pieces)
                {
                    result[e].narrow(0, start, count).copy_(latents.narrow(0, offset, count));
                    offset += count;
                }
            }
            advance(filled);
        }
        return result;
    }

    private void Release()
    {
        if (validationLatents is not null && !ReferenceEquals(validationLatents, trainLatents))
            foreach (var t in validationLatents) t.Dispose();
        if (trainLatents is not null)
            foreach (var t in trainLatents) t.Dispose();
        trainLatents = validationLatents = null;
    }

    public void Dispose() => Release();
}
