// Torch's default generator and its thread settings belong to the whole process. Tests here seed the generator (to
// build networks) and compare runs bit for bit, so two of them running at once would draw from each other's random
// sequence: they run one at a time (the test projects still run side by side, each in its own process).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
