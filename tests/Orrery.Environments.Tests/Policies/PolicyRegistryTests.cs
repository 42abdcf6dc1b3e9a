using Orrery.Core.Errors;
using Orrery.Environments.Policies;

namespace Orrery.Environments.Tests.Policies;

public class PolicyRegistryTests
{
    public static TheoryData<string> Environments() => [.. EnvironmentRegistry.All.Select(e => e.Name)];

    // "scripted" needs a script file in Create; every other registered name is made, or refused, by the environment alone
    [Theory]
    [MemberData(nameof(Environments))]
    public void Fits_answers_what_create_does(string environment)
    {
        var env = EnvironmentRegistry.Create(environment, 0);
        try
        {
            foreach (var (name, _) in PolicyRegistry.All.Where(p => p.Name != "scripted"))
            {
                var made = Record.Exception(() => PolicyRegistry.Create(name, env));
                Assert.True(made is null or OrreryException, $"{name} on {environment}: {made}");
                Assert.Equal(made is null, PolicyRegistry.Fits(name, env));
            }
            Assert.True(PolicyRegistry.Fits("scripted", env));
            Assert.False(PolicyRegistry.Fits("doom", env));
        }
        finally
        {
            (env as IDisposable)?.Dispose();
        }
    }
}
