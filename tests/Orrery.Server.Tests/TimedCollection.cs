namespace Orrery.Server.Tests;

/// <summary>Tests that measure time run alone, after the parallel ones: other tests' work would be measured with them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedCollection
{
    public const string Name = "timed";
}
