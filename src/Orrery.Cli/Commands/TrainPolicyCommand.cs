using System.CommandLine;
using Orrery.Cli.Terminal;
using Orrery.Training;
using Orrery.Training.Policies;

namespace Orrery.Cli.Commands;

/// <summary>`orrery train-policy`: behaviour cloning of a demonstrator's box actions from its state stream.</summary>
public static class TrainPolicyCommand
{
    public static Command Create()
    {
        var defaults = new BehaviourCloningOptions();
        var data = new Option<string[]>("--data") { Description = "Dataset folder(s) of demonstrations (box actions and a state stream).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Policy folder to write (policy.json + policy.safetensors).", Required = true };
        var steps = new Option<long>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => defaults.Steps };
        var stream = new Option<string>("--state-stream") { Description = "Stream the policy reads.", DefaultValueFactory = _ => defaults.StateStream };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and batches.", DefaultValueFactory = _ => defaults.Seed };
        var json = new Option<bool>("--json") { Description = "Print the policy's manifest as JSON on stdout." };
        var command = new Command("train-policy", "Learn a policy from demonstrations (behaviour cloning): state stream in, box action out.")
        {
            data, output, steps, stream, seed, json,
        };
        command.SetAction(parse =>
        {
            var corpus = TrainingCorpus.FromDatasets(parse.GetValue(data)!);
            var options = defaults with { Steps = parse.GetValue(steps), StateStream = parse.GetValue(stream)!, Seed = parse.GetValue(seed) };
            var manifest = ProgressDisplay.Run("train-policy", options.Steps, "steps", tracker =>
                BehaviourCloning.Train(corpus, options, parse.GetValue(output)!, (_, _) => tracker.Advance(1)));
            if (parse.GetValue(json)) Output.WriteJson(manifest);
            else Console.Out.WriteLine($"wrote {parse.GetValue(output)}: {manifest.Method} on {corpus.Episodes.Count} episodes of {manifest.Environment}, action MSE {manifest.TrainLoss:0.00000} (held out {manifest.HeldOutLoss:0.00000})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
