using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Preview;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Api;

/// <summary>One named stream of a step's answer: its field names beside its values.</summary>
public sealed record NamedStream(IReadOnlyList<string> Fields, IReadOnlyList<float> Values);

/// <summary>
/// The answer to POST /api/sessions/{id}/step: the frame the action made (PNG, base64), every stream with its field
/// names, and the reward, success and done a policy loop reads. Done is the `success` stream reaching 1 (the task is
/// solved; a learned model and the truth answer alike); Reward and Success are null in a world without those streams.
/// </summary>
public sealed record StepResponse(
    long FrameIndex,
    ActionVector Action,
    int Width,
    int Height,
    int Channels,
    string Png,
    IReadOnlyDictionary<string, NamedStream> Streams,
    float? Reward,
    float? Success,
    bool Done)
{
    public static StepResponse Of(FramePacket frame, IReadOnlyList<StreamSpec> specs)
    {
        var streams = specs.Where(spec => frame.Streams.ContainsKey(spec.Name))
            .ToDictionary(spec => spec.Name, spec => new NamedStream(spec.Fields, frame.Streams[spec.Name]), StringComparer.Ordinal);
        var reward = First(frame.Streams, "reward");
        var success = First(frame.Streams, "success");
        return new StepResponse(frame.FrameIndex, frame.Action, frame.Width, frame.Height, frame.Channels,
            Convert.ToBase64String(PngWriter.Encode(frame.Pixels, frame.Height, frame.Width, frame.Channels)),
            streams, reward, success, success >= 0.5f);
    }

    private static float? First(StreamValues streams, string name) => streams.TryGetValue(name, out var v) && v.Length > 0 ? v[0] : null;
}
