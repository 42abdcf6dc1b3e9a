namespace Orrery.Runtime.Sessions;

/// <summary>One frame as published to subscribers: index, the action that produced it, timing, and HWC uint8 pixels.</summary>
public sealed record FramePacket(
    long FrameIndex,
    int Action,
    double ServerUnixMs,
    float StepLatencyMs,
    int Width,
    int Height,
    int Channels,
    byte[] Pixels);
