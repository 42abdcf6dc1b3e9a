using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Core.Tests.Spaces;

public sealed class BoxActionSpaceTests
{
    private static readonly BoxActionSpace Space = new(["shoulder", "elbow"], [-1f, -1f], [1f, 1f]);

    [Fact]
    public void An_action_inside_the_box_passes_unchanged()
    {
        var action = ActionVector.Continuous(0.3f, -0.7f);
        Assert.Equal(action, Space.Validate(action));
        Assert.Equal(action, Space.Parse("0.3, -0.7"));
        Assert.Equal(action, Space.FromValues([0.3f, -0.7f]));
    }

    [Theory]
    [InlineData(new[] { 0.3f }, "expected 2 numbers")]
    [InlineData(new[] { 0.3f, 0.1f, 0f }, "expected 2 numbers")]
    [InlineData(new[] { float.NaN, 0f }, "'shoulder' is NaN")]
    [InlineData(new[] { 0f, float.PositiveInfinity }, "'elbow' is Infinity")]
    [InlineData(new[] { 0f, 1.5f }, "'elbow' = 1.5 is outside [-1, 1]")]
    public void A_bad_action_is_refused_in_one_line_naming_the_value(float[] values, string expected)
    {
        var e = Assert.Throws<OrreryException>(() => Space.FromValues(values));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_noop_is_zero_unknown_is_not_an_action_and_a_name_is_not_a_number()
    {
        Assert.Equal(ActionVector.Continuous(0f, 0f), Space.Noop);
        Assert.Throws<OrreryException>(() => Space.Validate(ActionVector.Unknown));
        Assert.Contains("'forward' is not a number", Assert.Throws<OrreryException>(() => Space.Parse("forward")).Message);
    }

    [Fact]
    public void Bounds_must_be_finite_ordered_and_one_per_name() =>
        Assert.Throws<OrreryException>(() => new BoxActionSpace(["a", "b"], [0f, 1f], [1f, 0f]));

    [Fact]
    public void Spaces_and_actions_round_trip_through_json()
    {
        ActionSpace space = Space;
        var again = JsonSerializer.Deserialize<ActionSpace>(JsonSerializer.Serialize(space));
        Assert.Equal(Space, again);
        Assert.Equal("[0.5,-1]", JsonSerializer.Serialize(ActionVector.Continuous(0.5f, -1f)));
        Assert.Equal("null", JsonSerializer.Serialize(ActionVector.Unknown));
        Assert.True(JsonSerializer.Deserialize<ActionVector>("null").IsUnknown);
        Assert.Equal(ActionVector.Discrete(3), JsonSerializer.Deserialize<ActionVector>("[3]"));
    }
}
