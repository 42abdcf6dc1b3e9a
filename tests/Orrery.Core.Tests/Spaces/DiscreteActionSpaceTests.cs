using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Core.Tests.Spaces;

public sealed class DiscreteActionSpaceTests
{
    private static readonly DiscreteActionSpace Space = new(["noop", "forward", "turn_left"]);

    [Theory]
    [InlineData("noop", 0)]
    [InlineData("Forward", 1)]
    [InlineData("TURN_LEFT", 2)]
    public void IndexOf_ignores_case(string name, int expected) => Assert.Equal(expected, Space.IndexOf(name));

    [Fact]
    public void IndexOf_an_unknown_name_is_a_user_error_naming_it_and_listing_the_valid_names()
    {
        var e = Assert.Throws<OrreryException>(() => Space.IndexOf("jump"));

        Assert.Contains("'jump'", e.Message);
        Assert.Contains("noop, forward, turn_left", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Validate_returns_an_index_in_range(int action) => Assert.Equal(action, Space.Validate(action));

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Validate_out_of_range_is_a_user_error_naming_the_valid_range(int action)
    {
        var e = Assert.Throws<OrreryException>(() => Space.Validate(action));

        Assert.Contains($"{action}", e.Message);
        Assert.Contains("0..2", e.Message);
    }

    [Fact]
    public void Spaces_with_the_same_names_are_equal_by_value()
    {
        var copy = new DiscreteActionSpace(new List<string> { "noop", "forward", "turn_left" });

        Assert.Equal(Space, copy);
        Assert.Equal(Space.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(Space, new DiscreteActionSpace(["noop", "forward"]));
    }
}
