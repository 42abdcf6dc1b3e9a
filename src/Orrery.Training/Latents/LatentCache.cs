using System.Diagnostics;
using Orrery.Model;
using static TorchSharp.torch;

namespace Orrery.Training.Latents;

/// <summary>
/// Every training and validation frame encoded once by the trained tokenizer, so that the dynamics and decoder stages
/// run no encoder convolutions. Frames are encoded in fixed batches that run across episode boundaries, so a corpus of
/// many short episodes encodes as fast as one of few long ones. A cancelled run stops encoding after the batch at hand
/// (a pass takes minutes) and keeps no latents.
/// </summary>
public sealed class LatentCache(TrainingCorpus train, TrainingCorpus validation, Action<EncodingProgress>? progress = null, CancellationToken cancel = default) : IDisposable
{
    /// <summary>Frames per encoder pass.</summary>
    public const int BatchFrames = 64;

    private Tensor[]? trainLatents;
    private Tensor[]? validationLatents;

    /// <summary>Frames one encoding pass covers (training plus held-out validation frames).</summary>
    public long FrameCount => train.FrameCount + (ReferenceEquals(validation, train) ? 0 : validation.FrameCount);

    /// <summary>Seconds one encoding pass would take, timed on one batch of frames.</summary>
    public double EstimateSeconds(WorldModelNetwork network)
    {
        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (frames, count, _) = Batches(train).First();
        var clock = Stopwatch.StartNew();
        network.Tokenizer.Encode(FrameTensors.FromBytes(frames, count, train.Spec));
        return clock.Elapsed.TotalSeconds / count * FrameCount;
    }

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
        if (cancel.IsCancellationRequested) Release();
    }

    private Tensor[] Encode(WorldModelNetwork network, TrainingCorpus corpus, Action<int> advance)
    {
        network.eval();
        using var noGrad = no_grad();
        var result = corpus.Episodes.Select(e => empty([e.Length, network.Dynamics.Tokens, network.Config.Tokenizer.LatentChannels]).DetachFromDisposeScope()).ToArray();   // (T, N, C)
        foreach (var (frames, count, pieces) in Batches(corpus).TakeWhile(_ => !cancel.IsCancellationRequested))
        {
            using var scope = NewDisposeScope();
            var latents = network.Tokenizer.Encode(FrameTensors.FromBytes(frames, count, corpus.Spec));   // (n, N, C)
            var offset = 0;
            foreach (var (e, start, length) in pieces)
            {
                result[e].narrow(0, start, length).copy_(latents.narrow(0, offset, length));
                offset += length;
            }
            advance(count);
        }
        return result;
    }

    /// <summary>
    /// The corpus's frames in order, BatchFrames at a time (the last batch smaller): the frames back to back (HWC uint8),
    /// their count, and which episode, first frame and count each run of them came from.
    /// </summary>
    private static IEnumerable<(byte[] Frames, int Count, List<(int Episode, int Start, int Count)> Pieces)> Batches(TrainingCorpus corpus)
    {
        var spec = corpus.Spec;
        var episodes = corpus.Episodes;
        var (episode, frame) = (0, 0);
        while (episode < episodes.Count)
        {
            var bytes = new List<byte>();
            var pieces = new List<(int, int, int)>();
            var filled = 0;
            while (filled < BatchFrames && episode < episodes.Count)
            {
                var count = Math.Min(BatchFrames - filled, episodes[episode].Length - frame);
                if (count > 0)
                {
                    bytes.AddRange(episodes[episode].Frames.AsSpan(frame * spec.FrameBytes, count * spec.FrameBytes));
                    pieces.Add((episode, frame, count));
                }
                filled += count;
                frame += count;
                if (frame == episodes[episode].Length) (episode, frame) = (episode + 1, 0);
            }
            if (filled > 0) yield return (bytes.ToArray(), filled, pieces);
        }
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
