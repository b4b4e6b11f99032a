namespace Nara.Modules.VirtualCare;

/// <summary>Bound from <c>Nara:VirtualCare</c>.</summary>
public sealed class VirtualCareOptions
{
    /// <summary>
    /// STUN and TURN servers handed to the browsers' WebRTC peer connection. Empty by default: no third party learns who
    /// meets whom, and two browsers on one network (or one machine) connect on host candidates. A region configures its
    /// own STUN and a TURN relay for residents behind strict NATs.
    /// </summary>
    public IReadOnlyList<IceServer> IceServers { get; init; } = [];
}

/// <summary>One ICE server as RTCPeerConnection takes it.</summary>
public sealed class IceServer
{
    /// <summary>For example <c>stun:stun.region.example:3478</c> or <c>turns:turn.region.example:5349?transport=tcp</c>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];
    public string? Username { get; init; }
    public string? Credential { get; init; }
}
