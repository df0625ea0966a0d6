namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>The energy of each copy of an identity-lift chain alone: what replica exchange compares between neighbours.</summary>
internal interface ICopyEnergies
{
    /// <summary>Energy of copy a alone (its violated patterns).</summary>
    int CopyEnergy(int a);
}
