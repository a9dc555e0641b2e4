// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {IPerpEngine} from "../../src/interfaces/IPerpEngine.sol";
import {LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {MockPoolConfig, MockHistoryOracle, MockPoolEngine} from "../unit/mocks/PoolMocks.sol";
import {LiquidationFixture} from "../utils/LiquidationFixture.sol";

/// @notice Gas of the LP requests, isolated calls recorded under contracts/snapshots/. A request
/// touches only the token and the pool (no engine, no oracle), so the pool is deployed on the
/// mock seams; the state is prepared in setUp (a separate transaction: the measured call starts
/// cold) and is warm the way a live pool is: other requests pending, the requester funded.
contract PoolGasTest is Test {
    uint256 internal constant DEPOSIT_REQUEST_BUDGET = 90_000;

    TestUSD internal usd;
    LiquidityPool internal pool;
    MockHistoryOracle internal oracle;
    address internal lp = makeAddr("lp");
    address internal alice = makeAddr("alice");
    uint256 internal seedId;
    LpRequest internal seed;

    function setUp() public {
        vm.warp(1_700_000_000);
        usd = new TestUSD();
        MockPoolConfig config = new MockPoolConfig(3, address(this));
        oracle = new MockHistoryOracle();
        MockPoolEngine engine = new MockPoolEngine(IERC20(address(usd)), address(config), address(oracle));
        pool = new LiquidityPool(usd, IPerpEngine(address(engine)));
        engine.setPool(address(pool));
        pool.setParameters(1, 10 minutes, 0.5e6, 10 minutes, 0.5e18);
        for (uint256 m; m < 3; ++m) {
            oracle.record(m, 1000e18, block.timestamp, block.timestamp);
        }
        address[2] memory who = [lp, alice];
        for (uint256 i; i < 2; ++i) {
            usd.mint(who[i], 1_000_000e6);
            vm.prank(who[i]);
            usd.approve(address(pool), type(uint256).max);
        }
        vm.prank(lp);
        seedId = pool.requestDeposit(100_000e6, 0, block.timestamp + 10 minutes);
        seed = LpRequest(lp, true, 100_000e6, 0, 0.5e6, block.timestamp, block.timestamp + 10 minutes);
        vm.warp(block.timestamp + 1);
        for (uint256 m; m < 3; ++m) {
            oracle.record(m, 1000e18, block.timestamp, block.timestamp);
        }
    }

    function test_gas_requestDeposit() public {
        vm.prank(alice);
        pool.requestDeposit(10_000e6, 1, vm.getBlockTimestamp() + 10 minutes);
        uint256 used = vm.snapshotGasLastCall("lpRequestDeposit");
        assertLe(used, DEPOSIT_REQUEST_BUDGET, "deposit request over budget");
    }

    function test_gas_requestWithdraw() public {
        uint256[] memory idx = new uint256[](3);
        for (uint256 m; m < 3; ++m) {
            idx[m] = 1;
        }
        pool.executeRequest(seedId, seed, idx);
        vm.warp(vm.getBlockTimestamp() + 10 minutes);
        vm.prank(lp);
        pool.requestWithdraw(1e12, 1, vm.getBlockTimestamp() + 10 minutes);
        vm.snapshotGasLastCall("lpRequestWithdraw");
    }

    /// @dev Execution on the mock seams: the pool's own share of it (the engine's `traderNetPnl`
    /// and the oracle's proof add their cost on the live contracts).
    function test_gas_executeDeposit_poolPart() public {
        uint256[] memory idx = new uint256[](3);
        for (uint256 m; m < 3; ++m) {
            idx[m] = 1;
        }
        pool.executeRequest(seedId, seed, idx);
        vm.snapshotGasLastCall("lpExecuteDeposit_mockSeams");
    }
}

/// @notice Execution on the live contracts (three markets: three first-qualifying proofs and three
/// `traderNetPnl` reads), with open positions in every market.
contract PoolExecuteGasTest is LiquidationFixture {
    uint256 internal depId;
    LpRequest internal dep;
    uint256 internal wId;
    LpRequest internal wr;

    function _useOrderRouter() internal pure override returns (bool) {
        return true;
    }

    function setUp() public override {
        super.setUp();
        _requestAndExecuteOpen(alice, ETH, 10e18, 3500e6);
        _requestAndExecuteOpen(bob, BTC, -0.5e18, 3500e6);
        _requestAndExecuteOpen(alice, SOL, 100e18, 3000e6);
        _skip(pool.minHoldTime());
        usd.mint(lp, 10e6); // the withdrawal's execution fee
        (depId, dep) = _requestDeposit(bob, 50_000e6, 1);
        (wId, wr) = _requestWithdraw(lp, 1e15, 1);
        _skip(pool.minDelay());
    }

    function test_gas_executeDeposit() public {
        uint256[] memory idx = _lpObservations(dep);
        vm.prank(executor);
        pool.executeRequest(depId, dep, idx);
        vm.snapshotGasLastCall("lpExecuteDeposit");
        assertGt(pool.balanceOf(bob), 0, "filled");
    }

    function test_gas_executeWithdraw() public {
        uint256[] memory idx = _lpObservations(wr);
        vm.prank(executor);
        pool.executeRequest(wId, wr, idx);
        vm.snapshotGasLastCall("lpExecuteWithdraw");
        assertEq(pool.requestHash(wId), bytes32(0), "settled");
    }

    function test_gas_poolValue() public {
        pool.poolValue();
        vm.snapshotGasLastCall("poolValue");
    }
}
