/**
 * Test support for weft, for test scope only.
 *
 * <table class="striped">
 *   <caption>Types</caption>
 *   <thead><tr><th scope="col">type</th><th scope="col">what for</th></tr></thead>
 *   <tbody>
 *     <tr><th scope="row">{@link dev.weft.testing.WeftTest}</th>
 *         <td>a JUnit 5 test method that runs inside a loop, once per engine</td></tr>
 *     <tr><th scope="row">{@link dev.weft.testing.MockClock}</th>
 *         <td>virtual time, with autojump</td></tr>
 *     <tr><th scope="row">{@link dev.weft.testing.Checkpoints}</th>
 *         <td>assert that code is, or is not, a checkpoint</td></tr>
 *     <tr><th scope="row">{@link dev.weft.testing.Trace}</th>
 *         <td>assert the order of events across tasks</td></tr>
 *   </tbody>
 * </table>
 */
package dev.weft.testing;
