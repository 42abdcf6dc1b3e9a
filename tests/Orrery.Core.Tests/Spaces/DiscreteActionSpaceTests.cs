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
    public void Validate_returns_an_index_in_range(int action) => Assert.Equal(action, Space.Validate(ActionVector.Discrete(action)).Index);

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Validate_out_of_range_is_a_user_error_naming_the_valid_range(int action)
    {
        var e = Assert.Throws<OrreryException>(() => Space.Validate(ActionVector.Discrete(action)));

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

    [Fact]
    public void Unknown_a_box_action_and_a_fraction_are_refused_and_unknown_passes_only_when_allowed()
    {
        Assert.Throws<OrreryException>(() => Space.Validate(ActionVector.Unknown));
        Assert.True(Space.Validate(ActionVector.Unknown, allowUnknown: true).IsUnknown);
        Assert.Contains("one index", Assert.Throws<OrreryException>(() => Space.Validate(ActionVector.Continuous(0.3f, -0.7f))).Message);
        Assert.Throws<OrreryException>(() => Space.Validate(ActionVector.Continuous(1.5f)));
        Assert.Throws<OrreryException>(() => Space.FromValues([float.NaN]));
    }

    [Fact]
    public void The_noop_is_the_named_action_and_parse_takes_names_and_indices()
    {
        Assert.Equal(ActionVector.Discrete(0), Space.Noop);
        Assert.Equal(ActionVector.Discrete(1), new DiscreteActionSpace(["left", "stay"], "stay").Noop);
        Assert.Equal(ActionVector.Discrete(2), Space.Parse("turn_left"));
        Assert.Equal(ActionVector.Discrete(1), Space.Parse(" 1 "));
        Assert.Equal(ActionVector.Discrete(2), Space.FromValues([2f]));
    }
}
