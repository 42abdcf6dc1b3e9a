using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Runtime.Sessions;

/// <summary>One frame as published to subscribers: index, the action that produced it, timing, HWC uint8 pixels and the frame's streams.</summary>
public sealed record FramePacket(
    long FrameIndex,
    ActionVector Action,
    double ServerUnixMs,
    float StepLatencyMs,
    int Width,
    int Height,
    int Channels,
    byte[] Pixels,
    StreamValues Streams);
