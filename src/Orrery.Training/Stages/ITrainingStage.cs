namespace Orrery.Training.Stages;

/// <summary>
/// One stage of a run (tokenizer, dynamics, decoder): it owns its optimisers, loss and saved state, and the trainer's
/// one loop runs every stage the same way (DIAMOND's train_component).
/// </summary>
public interface ITrainingStage : IDisposable
{
    /// <summary>1 tokenizer, 2 dynamics, 3 decoder: the number in metrics.jsonl and progress reports.</summary>
    int Number { get; }

    /// <summary>Peak of the stage's learning-rate schedule.</summary>
    double PeakLearningRate { get; }

    /// <summary>The validation metric progress reports show.</summary>
    string ValidationKey { get; }

    /// <summary>Updates taken by the stage's optimiser so far.</summary>
    long OptimizerSteps { get; }

    /// <summary>Work before the stage's first step in this process.</summary>
    void Begin();

    /// <summary>How long Begin would take now, so that a time budget can leave room for it.</summary>
    double EstimateBeginSeconds();

    /// <summary>One update at the run's global step with the given learning rate; returns the loss.</summary>
    double Step(long step, double lr);

    /// <summary>Validation metrics of the network as it is now.</summary>
    IReadOnlyList<(string Key, double Value)> Validate();

    /// <summary>Writes the stage's own state (optimiser moments, extra networks) into a train-state folder.</summary>
    void Save(string dir);

    /// <summary>Reads what Save wrote; optimizerSteps is the count the train state recorded.</summary>
    void Restore(string dir, long optimizerSteps);
}
